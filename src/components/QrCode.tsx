import { View } from '@tarojs/components';
import { useMemo } from 'react';
import { qrRows } from '@/lib/qrMatrix';
import './QrCode.scss';

interface QrCodeProps {
  /** What the code holds. */
  text: string;
  id: string;
  /** What a screen reader says instead of the picture. */
  label: string;
  /** The smallest width in CSS px, quiet zone included (a scanner at arm's length needs ≥ 260). */
  minWidth?: number;
}

/** Modules of white around the code, as the standard asks, so a scanner finds its edges. */
const QUIET_MODULES = 4;

/**
 * A QR code drawn with boxes: black runs on white, whole pixels per module so rows meet
 * without seams. Plain px (not the design unit) on purpose: a module must be an exact
 * number of screen pixels.
 */
export function QrCode({ text, id, label, minWidth = 270 }: QrCodeProps) {
  const { size, rows } = useMemo(() => qrRows(text), [text]);
  const modules = size + QUIET_MODULES * 2;
  const px = Math.max(4, Math.ceil(minWidth / modules));
  const unit = (n: number) => `${n * px}px`;
  return (
    <View
      id={id}
      data-testid={id}
      className="qr-code"
      ariaRole="img"
      ariaLabel={label}
      style={{ width: unit(modules), height: unit(modules), padding: unit(QUIET_MODULES) }}
    >
      {rows.map((runs, r) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: row r of a fixed matrix
        <View key={r} className="qr-code__row" style={{ height: unit(1) }}>
          {runs.map(([start, length]) => (
            <View key={start} className="qr-code__run" style={{ left: unit(start), width: unit(length) }} />
          ))}
        </View>
      ))}
    </View>
  );
}
