import { ATTACHMENT_EXTENSIONS, NOTICE_ATTACHMENTS_MAX, type NoticeAttachment } from '@contract/notices';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { SmallButton } from '@/components/SmallButton';
import { messageOf } from '@/services/cloudError';
import { pickFile } from '@/services/pickFile';
import { uploadFile } from '@/services/storage';
import { FieldError } from './FieldError';
import './contentStaff.scss';

type Attachment = Pick<NoticeAttachment, 'fileId' | 'name'>;

interface AttachmentsFieldProps {
  value: Attachment[];
  onChange: (next: Attachment[]) => void;
  error?: string;
  onError: (message: string) => void;
  /** While a file goes up, the form waits (a save would leave it out). */
  onUploading: (busy: boolean) => void;
}

const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
const EXTENSIONS = ATTACHMENT_EXTENSIONS.map((e) => `.${e}`);

/**
 * 附件: files residents can open on a phone (PDF, Word, Excel, PPT, pictures), picked from a
 * chat in WeChat or the file dialog in a browser, uploaded to cloud storage at once; the notice
 * keeps their file ids and names.
 */
export function AttachmentsField({ value, onChange, error, onError, onUploading }: AttachmentsFieldProps) {
  const [uploading, setUploading] = useState(false);
  const full = value.length >= NOTICE_ATTACHMENTS_MAX;

  const add = async () => {
    onError('');
    const file = await pickFile(EXTENSIONS).catch(() => null);
    if (!file) return;
    const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
    if (!(ATTACHMENT_EXTENSIONS as readonly string[]).includes(ext)) return onError('附件只能是 PDF、Word、Excel、PPT 文件或图片');
    if (file.size > ATTACHMENT_MAX_BYTES) return onError('文件太大了，请选20MB以内的文件');
    setUploading(true);
    onUploading(true);
    try {
      const fileId = await uploadFile(
        `notice-files/${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}.${ext}`,
        file.source,
      );
      onChange([...value, { fileId, name: file.name }]);
    } catch (e) {
      onError(messageOf(e));
    } finally {
      setUploading(false);
      onUploading(false);
    }
  };

  return (
    <View className="content-staff__field" id="notice-attachments">
      <View className="content-staff__field-label">附件（可不加）</View>
      <View className="content-staff__hint">
        PDF、Word、Excel、PPT 文件或图片，最多{NOTICE_ATTACHMENTS_MAX}个，每个不超过20MB。在微信里从聊天记录里选文件。
      </View>
      {value.map((a, i) => (
        <View key={a.fileId} className="content-staff__card" id={`notice-attachment-${i}`}>
          <View className="content-staff__text">{a.name}</View>
          <SmallButton id={`notice-attachment-remove-${i}`} label="去掉" onClick={() => onChange(value.filter((_, j) => j !== i))} />
        </View>
      ))}
      <BigButton
        id="notice-attachment-add"
        kind="secondary"
        label={full ? `已经有${NOTICE_ATTACHMENTS_MAX}个附件了` : '添加附件'}
        busy={uploading}
        busyLabel="正在上传…"
        disabled={full}
        onClick={add}
      />
      {error ? <FieldError id="notice-attachments-error" message={error} /> : null}
    </View>
  );
}
