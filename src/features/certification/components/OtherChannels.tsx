import { View } from '@tarojs/components';
import { CentreHelp } from '@/components/CentreHelp';

/**
 * The other ways to certify, so nobody meets a dead end: on site, a home visit, and (abroad
 * or with a non-mainland ID) the consular app or a family member with the papers.
 */
export function OtherChannels({ name, abroadOrForeignId }: { name: string; abroadOrForeignId?: boolean }) {
  return (
    <View id={abroadOrForeignId ? 'certify-abroad' : 'certify-other-channels'} className="certify__other">
      <View className="certify__heading">{abroadOrForeignId ? `${name}请用这些办法认证` : '不方便刷脸？还可以这样认证'}</View>
      {abroadOrForeignId ? (
        <>
          <View className="certify__text">在境外的，或持港澳台、外国证件的，不能用微信刷脸：</View>
          <View className="certify__text">• 手机上用"中国领事"App，选"养老金资格认证"。</View>
          <View className="certify__text">• 或请家人带上身份证件和护照复印件，到社区服务站办理。</View>
        </>
      ) : (
        <>
          <View className="certify__text">• 带上身份证，到社区服务站现场认证。</View>
          <View className="certify__text">• 行动不便的，打电话给社区，工作人员可以上门认证。</View>
        </>
      )}
      <CentreHelp />
    </View>
  );
}
