import { CENTRE_NAME, CENTRE_PHONE } from '../../contract/centre';
import * as app from '../../src/lib/centre';

/** The functions (search's next step) and the app's pages name the same centre and number. */
test('the centre the functions name is the one the app shows', () => {
  expect({ CENTRE_NAME, CENTRE_PHONE }).toEqual({ CENTRE_NAME: app.CENTRE_NAME, CENTRE_PHONE: app.CENTRE_PHONE });
});
