import { type PolicyCategory, SEARCH_QUERY_MAX } from '@contract/policy';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { CentreHelp } from '@/components/CentreHelp';
import { routes } from '@/lib/routes';
import { AnswerList } from './AnswerList';
import { CategoryTiles } from './CategoryTiles';
import { SearchBox } from './SearchBox';
import { SearchResults } from './SearchResults';
import './policy.scss';

/**
 * 政策问答: the search box first; under it either what the search found, or the categories and
 * the newest answers (of the chosen category, or of all). Then asking the centre, and its phone.
 */
export function PolicyHome() {
  const [typed, setTyped] = useState('');
  const [searched, setSearched] = useState('');
  const [category, setCategory] = useState<PolicyCategory | undefined>(undefined);
  const [nudge, setNudge] = useState(false);

  const search = () => {
    const q = typed.trim().slice(0, SEARCH_QUERY_MAX);
    setNudge(q === '');
    if (q) setSearched(q);
  };
  const clear = () => {
    setTyped('');
    setSearched('');
  };

  return (
    <View className="policy-home">
      <SearchBox value={typed} onInput={setTyped} onSearch={search} />
      {nudge ? (
        <Callout tone="info" id="policy-search-empty">
          请先在上面的框里写下想查的内容，再点“搜索”。
        </Callout>
      ) : null}
      {searched ? (
        <SearchResults query={searched} onClear={clear} />
      ) : (
        <>
          <CategoryTiles chosen={category} onChoose={setCategory} />
          <AnswerList category={category} />
        </>
      )}
      <View className="policy-ask-entry" ariaRole="region" ariaLabel="问工作人员">
        <View className="policy-section-title" ariaRole="heading" aria-level="2">
          没找到想问的？
        </View>
        <View className="policy-ask-entry__hint">把问题写下来，工作人员会答复您；答复只有您自己能看到。</View>
        <BigButton
          id="policy-ask"
          kind="secondary"
          label="问工作人员 / 我的提问"
          onClick={() => Taro.navigateTo({ url: routes.policyAsk() })}
        />
      </View>
      <CentreHelp text="着急的话，可以打电话问中心：" />
    </View>
  );
}
