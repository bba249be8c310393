import { View } from '@tarojs/components';
import './contentStaff.scss';

/** A problem right under the field it is about, in the schema's or the server's words. */
export function FieldError({ id, message }: { id: string; message: string }) {
  return (
    <View id={id} className="content-staff__error" ariaRole="alert" ariaLabel={message}>
      {message}
    </View>
  );
}
