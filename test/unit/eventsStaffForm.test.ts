import type { EventView } from '../../contract/events';
import {
  checkForm,
  emptyForm,
  fieldOfMessage,
  formOf,
  inputOf,
  minutesBeforeWords,
  minutesChoices,
  placeServerError,
} from '../../src/features/eventsStaff/eventForm';
import { rateText, timeOfDay, viaWords } from '../../src/features/eventsStaff/words';
import { domId } from '../../src/lib/domId';
import { CloudCallError } from '../../src/services/cloudError';

/** The staff event editor's form (input, field of each problem) and the staff pages' words: pure functions, no emulator. */
const taiChi: EventView = {
  id: 'e1',
  kind: 'class',
  kindWords: '公益课堂',
  title: '太极拳公益课',
  description: '七年坚持',
  coverFileId: null,
  place: { name: '海沧文化中心广场', address: '厦门市海沧区滨湖北路', latitude: 24.4846, longitude: 118.0328 },
  schedule: {
    type: 'weekly',
    weekdays: [1, 2, 4],
    start: '08:00',
    end: '09:00',
    from: '2026-11-23',
    to: '2027-02-26',
    exceptions: [{ date: '2027-02-08', action: 'cancel', reason: '春节放假' }],
  },
  scheduleWords: '',
  capacity: 20,
  opensDaysBefore: 7,
  closesMinutesBefore: 30,
  cancelMinutesBefore: 60,
  needsApproval: false,
  ageMin: null,
  ageMax: 80,
  status: 'published',
  version: 3,
  createdAt: '',
  updatedAt: '',
  publishedAt: null,
};

describe('the event form', () => {
  test('an edited event goes back as it was: numbers, coordinates and its holiday exceptions kept', () => {
    const input = inputOf(formOf(taiChi), 'req-00001', taiChi.id);
    expect(input).toEqual({
      eventId: 'e1',
      kind: 'class',
      title: '太极拳公益课',
      description: '七年坚持',
      coverFileId: null,
      place: taiChi.place,
      schedule: taiChi.schedule,
      capacity: 20,
      opensDaysBefore: 7,
      closesMinutesBefore: 30,
      cancelMinutesBefore: 60,
      needsApproval: false,
      ageMin: null,
      ageMax: 80,
      requestId: 'req-00001',
    });
    expect(checkForm(input, 'weekly')).toEqual({});
    // A broken request id is about the form, not about any field.
    expect(checkForm({ ...input, requestId: 'x' }, 'weekly')).toEqual({ form: '请求编号不对，请重试' });
  });

  test('an empty form: each missing piece under its own field', () => {
    const errors = checkForm(inputOf(emptyForm(), 'req-00002'), null);
    expect(errors).toMatchObject({
      kind: '请选择活动类别',
      title: '活动名称至少2个字',
      placeName: '请填写活动地点',
      address: '请填写详细地址',
      scheduleType: '请选择一次性活动还是每周固定活动',
      capacity: '请填写名额',
    });
  });

  test('schedule problems land on the field they are about', () => {
    const base = formOf(taiChi);
    const r = 'req-00003';
    expect(checkForm(inputOf({ ...base, end: '07:00' }, r), 'weekly')).toEqual({ end: '每次活动的结束时间要晚于开始时间' });
    expect(checkForm(inputOf({ ...base, weekdays: [] }, r), 'weekly')).toEqual({ weekdays: '请至少选一个星期几' });
    expect(checkForm(inputOf({ ...base, to: '2026-11-01' }, r), 'weekly').to).toBe('结束日期不能早于开始日期');
    expect(checkForm(inputOf({ ...base, start: '8点' }, r), 'weekly').start).toBe('开始时间应写成 08:00 这样');
    expect(checkForm(inputOf({ ...base, latitude: '' }, r), 'weekly').latitude).toBe('经度和纬度要一起填');
    expect(checkForm(inputOf({ ...base, ageMin: '85' }, r), 'weekly').ageMin).toBe('最低年龄不能大于最高年龄');
    expect(checkForm(inputOf({ ...base, capacity: '二十' }, r), 'weekly').capacity).toBeTruthy();
  });

  test('the server’s words find their field; the rest stays above the button', () => {
    const invalid = (m: string) => new CloudCallError('INVALID_INPUT', m);
    expect(placeServerError(invalid('活动日期已经过了，请检查日期'), 'once')).toEqual({
      field: 'date',
      message: '活动日期已经过了，请检查日期',
    });
    expect(placeServerError(invalid('活动日期已经过了，请检查日期'), 'weekly').field).toBe('to');
    expect(placeServerError(invalid('2026-12-01 那一次已有12人报名，名额不能少于12'), 'weekly').field).toBe('capacity');
    expect(placeServerError(new CloudCallError('CONFLICT', '这个活动刚被其他工作人员修改过，请刷新后再改'), 'weekly').field).toBeNull();
    expect(fieldOfMessage('最早提前7天截止取消', 'once')).toBe('cancelMinutesBefore');
    expect(fieldOfMessage('最早提前7天截止', 'once')).toBe('closesMinutesBefore');
    expect(fieldOfMessage('最多提前90天报名', 'once')).toBe('opensDaysBefore');
    expect(fieldOfMessage('2027-02-09 改期后的结束时间要晚于开始时间', 'weekly')).toBe('schedule');
  });

  test('deadlines as plain choices, an unusual saved value offered too', () => {
    expect([0, 60, 120, 1440, 90, 15].map(minutesBeforeWords)).toEqual([
      '活动开始时',
      '活动开始前1小时',
      '活动开始前2小时',
      '活动开始前1天',
      '活动开始前1小时30分钟',
      '活动开始前15分钟',
    ]);
    expect(minutesChoices(30, [60, 120, 1440]).map((c) => c.value)).toEqual(['30', '60', '120', '1440']);
    expect(minutesChoices(60, [60, 120, 1440]).map((c) => c.value)).toEqual(['60', '120', '1440']);
  });
});

describe('the staff pages’ words', () => {
  test('ids with colons become wxml-safe; times in UTC+8; rates as percentages; who signed them up', () => {
    expect(domId('occ', 'abc:2026-11-23:r1')).toBe('occ-abc_2026-11-23_r1');
    expect(timeOfDay('2026-11-23T01:30:00.000Z')).toBe('09:30');
    expect([rateText(1), rateText(5 / 6), rateText(0), rateText(null)]).toEqual(['100%', '83.3%', '0%', '—']);
    expect(viaWords({ via: 'family', operatorName: '张丽' })).toBe('家人张丽帮报');
    expect(viaWords({ via: 'self', operatorName: null })).toBe('本人报名');
  });
});
