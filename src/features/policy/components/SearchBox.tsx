import { SEARCH_QUERY_MAX } from '@contract/policy';
import { View } from '@tarojs/components';
import { BigButton } from '@/components/BigButton';
import { Field } from '@/components/Field';
import './policy.scss';

interface SearchBoxProps {
  value: string;
  onInput: (value: string) => void;
  onSearch: () => void;
}

/** One big box and a 搜索 button (nothing happens while typing: elders type slowly and look up often). */
export function SearchBox({ value, onInput, onSearch }: SearchBoxProps) {
  return (
    <View className="policy-search" ariaRole="search" ariaLabel="查政策">
      <Field
        id="policy-search-input"
        label="想问什么？"
        hint="用自己的话写，写错字、打拼音或拼音首字母也能查到，比如“dbbz”就是“低保标准”。"
        placeholder="比如：养老金怎么补发"
        value={value}
        maxlength={SEARCH_QUERY_MAX}
        confirmType="search"
        onConfirm={onSearch}
        onInput={onInput}
      />
      <BigButton id="policy-search-submit" label="搜索" onClick={onSearch} />
    </View>
  );
}
