import { View } from '@tarojs/components';
import './EntryTile.scss';

interface EntryTileProps {
  id: string;
  title: string;
  description: string;
  onClick: () => void;
}

/** A large tile on the home page: what it is, in a few plain words underneath. */
export function EntryTile({ id, title, description, onClick }: EntryTileProps) {
  return (
    <View
      id={id}
      data-testid={id}
      className="entry-tile"
      ariaRole="button"
      ariaLabel={`${title}，${description}`}
      hoverClass="entry-tile--pressed"
      onClick={onClick}
    >
      <View className="entry-tile__title">{title}</View>
      <View className="entry-tile__description">{description}</View>
    </View>
  );
}
