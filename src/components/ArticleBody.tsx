import type { RichTextFormat } from '@contract/content';
import { RichText, Text, View } from '@tarojs/components';
import './ArticleBody.scss';

interface ArticleBodyProps {
  id?: string;
  /** As stored: plain text (lines are paragraphs) or rich text the server has sanitised. */
  body: string;
  format: RichTextFormat;
  /** Each plain-text paragraph's class (pages and tests find paragraphs by it). */
  paragraphClassName?: string;
}

/**
 * The body of a notice or an answer in large type. Plain text: one paragraph per line the author
 * wrote. Rich text: the server's sanitised HTML (a fixed allow-list, no attributes but a link's
 * href) handed to RichText as is, which WeChat's rich-text and the browser both draw.
 */
export function ArticleBody({ id, body, format, paragraphClassName = 'article-body__paragraph' }: ArticleBodyProps) {
  if (format === 'html') {
    return (
      <View {...(id ? { id, 'data-testid': id } : {})} className="article-body">
        <RichText className="article-body__html" nodes={body} userSelect />
      </View>
    );
  }
  const paragraphs = body.split(/\n+/).filter((p) => p.trim() !== '');
  return (
    <View {...(id ? { id, 'data-testid': id } : {})} className="article-body">
      {paragraphs.map((text, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one fixed text never reorder
        <View key={i} className={paragraphClassName}>
          <Text userSelect>{text}</Text>
        </View>
      ))}
    </View>
  );
}
