import type { Me } from '@contract/accounts';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { BigButton } from '@/components/BigButton';
import { CentreHelp } from '@/components/CentreHelp';
import { EntryTile } from '@/components/EntryTile';
import { useMe } from '@/features/account/api/get-me';
import { isStaff } from '@/features/account/roles';
import { CertificationCards } from '@/features/certification/components/CertificationCard';
import { NextEvent } from '@/features/events/components/NextEvent';
import { useUnreadCount } from '@/features/notices/api/unread-count';
import { routes } from '@/lib/routes';
import { consoleAuth } from '@/services/consoleAuth';
import { HomeAccount } from './HomeAccount';
import './home.scss';

const go = (url: string) => () => Taro.navigateTo({ url });

/** 资格认证 goes to my own certification; for someone who helps one elder only, to theirs; else to the choice. */
function certificationEntry(me: Me | undefined): string {
  if (me?.retiree) return routes.certify(me.retiree.id);
  if (me && !me.retiree && me.helping.length === 1) return routes.certify(me.helping[0].retireeId);
  return routes.certify();
}

/** What is about me (binding, family), the four services always in the same order, then the staff entries. */
export function HomeMenu() {
  const me = useMe();
  const role = me.data?.role;
  const unread = useUnreadCount(role).data?.unread ?? 0;
  return (
    <View className="home-menu">
      <CertificationCards />
      <HomeAccount />
      <EntryTile
        id="entry-certification"
        title="资格认证"
        description="每年一次，确认养老金照常发放"
        onClick={go(certificationEntry(me.data))}
      />
      <EntryTile id="entry-events" title="活动报名" description="中心的课程和活动，在这里报名" onClick={go(routes.events())} />
      <NextEvent />
      <EntryTile id="entry-policy" title="政策问答" description="认证、养老金、低保、助餐等常见问题" onClick={go(routes.policy())} />
      <EntryTile
        id="entry-notices"
        title="通知公告"
        description="中心发布的最新通知"
        badge={unread ? `${unread}条未读` : undefined}
        onClick={go(routes.notices())}
      />
      {isStaff(role) ? (
        <>
          <EntryTile
            id="entry-staff-notices"
            title="发布通知"
            description="工作人员：写通知、定时发布、按街道发送、撤下"
            onClick={go(routes.staffNotices())}
          />
          <EntryTile
            id="entry-staff-policy"
            title="政策问答管理"
            description="工作人员：写问答、预览、发布和下线，历史版本"
            onClick={go(routes.staffPolicy())}
          />
          <EntryTile
            id="entry-staff-questions"
            title="群众提问"
            description="工作人员：答复老人和家属的提问，整理成政策问答"
            onClick={go(routes.staffQuestions())}
          />
          <EntryTile
            id="entry-staff-family"
            title="家属关联审核"
            description="工作人员：核实没有智能手机的长辈，同意或不同意家属帮办"
            onClick={go(routes.staffFamily())}
          />
          <EntryTile
            id="entry-staff-certify"
            title="现场和上门认证"
            description="工作人员：查找老人，登记现场或上门认证；上门名单分派"
            onClick={go(routes.staffCertify())}
          />
          <EntryTile
            id="entry-staff-cert-stats"
            title="认证统计和名单导出"
            description="工作人员：各街道认证进度，导出已认证、暂停和恢复发放名单"
            onClick={go(routes.staffCertificationReports())}
          />
          <EntryTile
            id="entry-staff-events"
            title="活动管理"
            description="工作人员：发布活动，改期或取消某一场，现场签到"
            onClick={go(routes.staffEvents())}
          />
          <EntryTile
            id="entry-staff-event-stats"
            title="活动统计"
            description="工作人员：参加人次、常来的人、各活动签到率，导出签到表"
            onClick={go(routes.staffEventStats())}
          />
          <EntryTile
            id="entry-staff-roster"
            title="退休人员名册"
            description="工作人员：按街道、姓名查找，号码遮挡显示"
            onClick={go(routes.staffRoster())}
          />
        </>
      ) : null}
      {isStaff(role) && (role === 'admin' || me.data?.streets === 'all') ? (
        <EntryTile
          id="entry-staff-import"
          title="导入退休人员名单"
          description="区级工作人员：上传 Excel 名单，看着它导入完成"
          onClick={go(routes.staffImport())}
        />
      ) : null}
      {isStaff(role) ? (
        <EntryTile
          id="entry-staff-comparison"
          title="大数据比对认证"
          description="工作人员：上传医保、民政等数据，自动认证；核实死亡、注销记录"
          onClick={go(routes.staffComparison())}
        />
      ) : null}
      {role === 'admin' ? (
        <>
          <EntryTile
            id="entry-staff-team"
            title="工作人员管理"
            description="管理员：邀请新同事、停用账号"
            onClick={go(routes.staffTeam())}
          />
          <EntryTile
            id="entry-staff-audit"
            title="操作记录"
            description="管理员：谁在什么时候查看或修改了什么"
            onClick={go(routes.staffAudit())}
          />
        </>
      ) : null}
      {/* The browser is the staff console: a new colleague's first sign-in redeems their invitation here. */}
      {process.env.TARO_ENV === 'h5' && role === 'guest' ? (
        <BigButton id="entry-staff-claim" kind="secondary" label="工作人员：用邀请码开通" onClick={go(routes.staffClaim())} />
      ) : null}
      {consoleAuth.available && (role === 'anonymous' || !role) ? (
        <BigButton id="entry-console-sign-in" kind="secondary" label="工作人员登录" onClick={go(routes.consoleSignIn())} />
      ) : null}
      {/* For everyone but staff: a person to call is always one tap away. */}
      {isStaff(role) ? null : <CentreHelp text="有事不明白，可以打电话问中心：" />}
    </View>
  );
}

/** 您好 with the person's name once we know it. */
export function Greeting() {
  const me = useMe();
  const name = me.data?.name;
  return (
    <View className="home-greeting" ariaRole="text" ariaLabel={name ? `${name}，您好` : '您好'}>
      {name ? `${name}，您好！` : '您好！'}欢迎使用温馨退服。
    </View>
  );
}
