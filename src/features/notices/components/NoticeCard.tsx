import type { Notice } from '@contract/notices';
import { View } from '@tarojs/components';
import { Label } from '@/components/Label';
import { formatChineseDate } from '@/lib/dates';
import './notices.scss';

interface NoticeCardProps {
  notice: Notice;
  onOpen: (notice: Notice) => void;
  /** Staff lists show 草稿 / 已发布 on each card. */
  showStatus?: boolean;
}

export function NoticeCard({ notice, onOpen, showStatus }: NoticeCardProps) {
  const date = formatChineseDate(notice.publishedAt ?? notice.updatedAt);
  const status = notice.status === 'published' ? '已发布' : '草稿';
  const spoken = [notice.pinned ? '置顶' : '', showStatus ? status : '', notice.title, date].filter(Boolean).join('，');
  return (
    <View
      id={`notice-${notice.id}`}
      data-testid={`notice-${notice.id}`}
      className="notice-card"
      ariaRole="link"
      ariaLabel={spoken}
      hoverClass="notice-card--pressed"
      onClick={() => onOpen(notice)}
    >
      {notice.pinned || showStatus ? (
        <View className="notice-card__labels">
          {notice.pinned ? <Label tone="pinned" text="置顶" /> : null}
          {showStatus ? <Label tone={notice.status === 'published' ? 'published' : 'draft'} text={status} /> : null}
        </View>
      ) : null}
      <View className="notice-card__title">{notice.title}</View>
      {date ? <View className="notice-card__date">{date}</View> : null}
    </View>
  );
}
