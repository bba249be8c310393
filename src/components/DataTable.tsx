import { ScrollView, View } from '@tarojs/components';
import { type ReactNode, useState } from 'react';
import { KEYBOARD_SCROLL } from '@/lib/keyboardScroll';
import './DataTable.scss';

export interface DataColumn<R> {
  header: string;
  /** What the cell shows. */
  value: (row: R) => string;
  /** How the value is read aloud as part of its row ("已认证 120 人"). */
  spoken: (row: R) => string;
  /** Something other than the value in the cell (a button); the value is still what is read aloud. */
  cell?: (row: R) => ReactNode;
  /** Given: a tap on the header sorts by it (numbers most first, words in order), a second tap the other way. */
  sortBy?: (row: R) => number | string;
}

export interface DataRow<R> {
  /** In the row's id (`<id>-row-<key>`): letters, digits, - and _ only. */
  key: string;
  /** The first column: what the row is about (a street, an event). */
  name: string;
  row: R;
}

type Sort = { column: number; descending: boolean } | null;

/**
 * A table for the staff console, on a phone and on a PC: a heading, one row per thing with its
 * name first (`nameHeader`), a total row that stays at the bottom, every row read aloud as one
 * sentence, and columns that sort with a tap on their header (the header says which way; the
 * names sort too). Wider than the screen, it scrolls sideways (from the keyboard too).
 */
export function DataTable<R>({
  id,
  title,
  nameHeader,
  columns,
  rows,
  total,
}: {
  id: string;
  title: string;
  nameHeader: string;
  columns: DataColumn<R>[];
  rows: DataRow<R>[];
  total?: DataRow<R>;
}) {
  const [sort, setSort] = useState<Sort>(null);
  // Column 0 is the names; the value columns follow.
  const all: DataColumn<R>[] = [{ header: nameHeader, value: () => '', spoken: () => '', sortBy: undefined }, ...columns];
  const shown = sorted(rows, all, sort);
  const toggle = (column: number) =>
    setSort((s) => (s?.column === column ? { column, descending: !s.descending } : { column, descending: column !== 0 }));
  const line = (r: DataRow<R>, extra = '') => (
    <View
      key={r.key}
      id={`${id}-row-${r.key}`}
      className={`data-table__tr${extra}`}
      ariaRole="row"
      ariaLabel={`${r.name}：${columns
        .filter((c) => !c.cell)
        .map((c) => c.spoken(r.row))
        .join('，')}`}
    >
      <View ariaRole="rowheader" className="data-table__td data-table__cell--name">
        {r.name}
      </View>
      {columns.map((c) => (
        <View key={c.header} ariaRole="cell" className={`data-table__td${c.cell ? ' data-table__cell--action' : ''}`}>
          {c.cell ? c.cell(r.row) : c.value(r.row)}
        </View>
      ))}
    </View>
  );
  return (
    <View className="data-table">
      <View className="data-table__title" ariaRole="heading" aria-level="2">
        {title}
      </View>
      <ScrollView scrollX className="data-table__scroll" {...KEYBOARD_SCROLL}>
        <View id={id} className="data-table__table" ariaRole="table" ariaLabel={title}>
          <View className="data-table__tr data-table__tr--head" ariaRole="row">
            {all.map((c, i) => {
              const on = sort?.column === i;
              const sortable = i === 0 || !!c.sortBy;
              const way = on ? (sort.descending ? 'descending' : 'ascending') : 'none';
              return (
                <View
                  key={c.header}
                  ariaRole="columnheader"
                  aria-sort={way}
                  className={`data-table__th${i === 0 ? ' data-table__cell--name' : ''}${c.cell ? ' data-table__cell--action' : ''}`}
                >
                  {sortable ? (
                    <View
                      id={`${id}-sort-${i}`}
                      className={`data-table__sort${on ? ' data-table__sort--on' : ''}`}
                      ariaRole="button"
                      ariaLabel={`${c.header}，${sortWords(on ? sort : null, i === 0)}，点一下${on ? '换个方向排' : '按它排序'}`}
                      hoverClass="data-table__sort--pressed"
                      onClick={() => toggle(i)}
                    >
                      {c.header}
                      {on ? (sort.descending ? ' ↓' : ' ↑') : ''}
                    </View>
                  ) : (
                    c.header
                  )}
                </View>
              );
            })}
          </View>
          {shown.map((r) => line(r))}
          {total ? line(total, ' data-table__tr--total') : null}
        </View>
      </ScrollView>
      {sort ? (
        <View id={`${id}-sorted`} className="data-table__note" ariaRole="status">
          按「{all[sort.column].header}」{sortWords(sort, sort.column === 0)}排列
        </View>
      ) : null}
    </View>
  );
}

function sortWords(sort: Sort, byName: boolean): string {
  if (!sort) return '没有排序';
  if (byName) return sort.descending ? '倒序' : '顺序';
  return sort.descending ? '从多到少' : '从少到多';
}

/** Stable: equal values keep the order the rows came in (the district's order of streets). */
export function sorted<R>(rows: DataRow<R>[], columns: DataColumn<R>[], sort: Sort): DataRow<R>[] {
  if (!sort) return rows;
  const pick = columns[sort.column]?.sortBy;
  const by = sort.column === 0 ? (r: DataRow<R>) => r.name : pick ? (r: DataRow<R>) => pick(r.row) : null;
  if (!by) return rows;
  const sign = sort.descending ? -1 : 1;
  return rows
    .map((r, at) => ({ r, at, v: by(r) }))
    .sort((a, b) => {
      const d = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : String(a.v).localeCompare(String(b.v), 'zh-CN');
      return d === 0 ? a.at - b.at : sign * d;
    })
    .map((x) => x.r);
}
