import { faceFailureForDetectCode, faceidErrorReason } from '../../cloudfunctions/_lib/faceid';
import {
  fitTemplateValue,
  subscribeFailureReason,
  TEMPLATE_LAYOUTS,
  templateDataProblem,
} from '../../cloudfunctions/_lib/subscribeMessage';
import { faceFailureForVerifyRet } from '../../cloudfunctions/_lib/wechatFace';

/** What each provider code means for the person, per the providers' published tables. */
test('WeChat verify_ret codes map to the failure a person is told about', () => {
  expect(faceFailureForVerifyRet(10003)).toBe('id_mismatch');
  expect(faceFailureForVerifyRet(10004)).toBe('face_mismatch');
  expect(faceFailureForVerifyRet(10005)).toBe('not_finished');
  expect(faceFailureForVerifyRet(10002)).toBe('liveness_failed');
  for (const ret of [90002, 90003, 90004, 90005, 90006, 90024]) expect(faceFailureForVerifyRet(ret)).toBe('cancelled');
  expect(faceFailureForVerifyRet(90017)).toBe('timeout');
  expect(faceFailureForVerifyRet(90018)).toBe('service_down');
  expect(faceFailureForVerifyRet(90007)).toBe('service_down');
  // Device and permission problems: none of the above; the page offers the other channels.
  for (const ret of [90001, 90008, 90009, 90010, 10001, 12345]) expect(faceFailureForVerifyRet(ret)).toBe('other');
});

test('慧眼 ErrCodes map the same way', () => {
  expect(faceFailureForDetectCode(2006)).toBe('id_mismatch');
  expect(faceFailureForDetectCode(2016)).toBe('face_mismatch');
  for (const code of [1002, 1003, 1004, 1005, 1101, 2010]) expect(faceFailureForDetectCode(code)).toBe('liveness_failed');
  for (const code of [4, 1001, 2001, 1008]) expect(faceFailureForDetectCode(code)).toBe('service_down');
  expect(faceFailureForDetectCode(15)).toBe('timeout');
  expect(faceFailureForDetectCode(17)).toBe('cancelled');
  for (const code of [16, 2005, 2007]) expect(faceFailureForDetectCode(code)).toBe('other');
});

test('provider errors: temporary ones are unavailable, the rest need a person', () => {
  expect(faceidErrorReason('InternalError')).toBe('unavailable');
  expect(faceidErrorReason('InternalError.UnknownError')).toBe('unavailable');
  expect(faceidErrorReason('RequestLimitExceeded')).toBe('unavailable');
  expect(faceidErrorReason('AuthFailure.SignatureFailure')).toBe('rejected');
  expect(faceidErrorReason('InvalidParameterValue.BizTokenExpired')).toBe('rejected');
  expect(faceidErrorReason('UnauthorizedOperation.Arrears')).toBe('rejected');

  expect(subscribeFailureReason(43101)).toBe('refused');
  expect(subscribeFailureReason(-1)).toBe('unavailable');
  expect(subscribeFailureReason(42001)).toBe('unavailable');
  for (const code of [40003, 40037, 47003, 41030]) expect(subscribeFailureReason(code)).toBe('bad_request');
});

test('template fields are named by their kind, as the WeChat console names them', () => {
  for (const layout of Object.values(TEMPLATE_LAYOUTS)) {
    for (const f of layout.fields) expect(f.key).toMatch(new RegExp(`^${f.kind}\\d+$`));
    expect(new Set(layout.fields.map((f) => f.key)).size).toBe(layout.fields.length);
  }
});

test('template values within WeChat limits pass; long ones are refused unless fitted first', () => {
  const layout = TEMPLATE_LAYOUTS.certResult;
  const data = (over: Record<string, string> = {}) =>
    Object.fromEntries(
      Object.entries({
        thing1: '养老金领取资格认证',
        name2: '张桂英',
        phrase3: '已通过',
        date4: '2026年3月2日',
        thing5: '微信刷脸',
        ...over,
      }).map(([k, value]) => [k, { value }]),
    );
  expect(templateDataProblem(layout, data())).toBeNull();
  const place = '海沧区退休人员服务中心一楼大厅东侧第三个窗口';
  expect(templateDataProblem(layout, data({ thing5: place }))).toBe('data.thing5.value');
  const fitted = fitTemplateValue('thing', place);
  expect(Array.from(fitted)).toHaveLength(20);
  expect(fitted.endsWith('…')).toBe(true);
  expect(templateDataProblem(layout, data({ thing5: fitted }))).toBeNull();
  expect(fitTemplateValue('thing', '微信刷脸')).toBe('微信刷脸');
  expect(templateDataProblem(layout, data({ phrase3: 'OK' }))).toBe('data.phrase3.value');
  expect(templateDataProblem(layout, data({ name2: '' }))).toBe('data.name2.value');
});
