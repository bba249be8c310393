import { View } from '@tarojs/components';
import './EntryTile.scss';

interface EntryTileProps {
  id: string;
  title: string;
  description: string;
  onClick: () => void;
  /** A few words beside the title, e.g. "3条未读" (`<id>-badge`); in words, not only a dot. */
  badge?: string;
}

/** A large tile on the home page: what it is, in a few plain words underneath. */
export function EntryTile({ id, title, description, onClick, badge }: EntryTileProps) {
  return (
    <View
      id={id}
      data-testid={id}
      className="entry-tile"
      ariaRole="button"
      ariaLabel={`${title}${badge ? `，${badge}` : ''}，${description}`}
      hoverClass="entry-tile--pressed"
      onClick={onClick}
    >
      <View className="entry-tile__head">
        <View className="entry-tile__title">{title}</View>
        {badge ? (
          <View id={`${id}-badge`} data-testid={`${id}-badge`} className="entry-tile__badge">
            {badge}
          </View>
        ) : null}
      </View>
      <View className="entry-tile__description">{description}</View>
    </View>
  );
}
