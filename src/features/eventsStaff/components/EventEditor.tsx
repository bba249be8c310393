import type { EventView } from '@contract/events';
import type { Weekday } from '@contract/recurrence';
import { Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { Choices } from '@/components/Choices';
import { Field } from '@/components/Field';
import { labelled } from '@/lib/labelled';
import { newRequestId } from '@/lib/requestId';
import { messageOf } from '@/services/cloudError';
import { pickFile } from '@/services/pickFile';
import { uploadFile } from '@/services/storage';
import { useSaveEvent } from '../api/save-event';
import {
  CANCEL_OFFERED,
  CLOSES_OFFERED,
  checkForm,
  daysChoices,
  type EventForm,
  emptyForm,
  type FormErrors,
  type FormField,
  formOf,
  inputOf,
  KIND_CHOICES,
  minutesChoices,
  placeServerError,
  WEEKDAY_CHOICES,
} from '../eventForm';
import './eventsStaff.scss';

interface EventEditorProps {
  /** The event to change; none for a new one. */
  event?: EventView;
  onSaved: (saved: EventView) => void;
  onCancel: () => void;
}

const SCHEDULE_CHOICES = [
  { value: 'once' as const, label: '一次性活动（讲座、演出、参观）', key: 'once' },
  { value: 'weekly' as const, label: '每周固定时间（如太极拳课）', key: 'weekly' },
];
const APPROVAL_CHOICES = [
  { value: 'no', label: '不用审核，报上就算', key: 'no' },
  { value: 'yes', label: '要工作人员审核', key: 'yes' },
];
const COVER_MAX_BYTES = 5 * 1024 * 1024;

/**
 * Staff: write or change an event. The schema checks the form on the phone first, each
 * problem under its field; the server's refusals land under the field they name too. One
 * requestId per intended save, so a double tap or a retry after a lost answer makes one event.
 */
export function EventEditor({ event, onSaved, onCancel }: EventEditorProps) {
  const [form, setForm] = useState<EventForm>(() => (event ? formOf(event) : emptyForm()));
  const [errors, setErrors] = useState<FormErrors>({});
  const [problem, setProblem] = useState('');
  const [requestId, setRequestId] = useState(newRequestId);
  const [uploading, setUploading] = useState(false);
  const save = useSaveEvent();

  /** A setter for one part of the form that also clears that field's problem. */
  const edit =
    <K extends keyof EventForm>(key: K, field: FormField) =>
    (value: EventForm[K]) => {
      setForm((f) => ({ ...f, [key]: value }));
      setErrors((e) => (e[field] || e.schedule ? { ...e, [field]: undefined, schedule: undefined } : e));
    };

  const submit = () => {
    const input = inputOf(form, requestId, event?.id);
    const { form: aboutForm, ...found } = checkForm(input, form.scheduleType);
    setErrors(found);
    setProblem(aboutForm ?? (Object.keys(found).length ? '有几处要改一下，请看上面标红的地方' : ''));
    if (aboutForm || Object.keys(found).length) return;
    save.mutate(input, {
      onSuccess: (saved) => {
        setRequestId(newRequestId());
        onSaved(saved);
      },
      onError: (error) => {
        const placed = placeServerError(error, form.scheduleType);
        if (placed.field) {
          setErrors({ [placed.field]: placed.message });
          setProblem('有一处要改一下，请看上面标红的地方');
        } else setProblem(placed.message);
      },
    });
  };

  const chooseCover = async () => {
    setErrors((e) => ({ ...e, cover: undefined }));
    const file = await pickFile(['.jpg', '.jpeg', '.png']).catch(() => null);
    if (!file) return;
    if (file.size > COVER_MAX_BYTES) return setErrors((e) => ({ ...e, cover: '图片太大了，请选5MB以内的图片' }));
    const ext = /\.png$/i.test(file.name) ? 'png' : 'jpg';
    setUploading(true);
    try {
      const fileId = await uploadFile(`event-covers/${Date.now().toString(36)}.${ext}`, file.source);
      setForm((f) => ({ ...f, coverFileId: fileId, coverName: file.name }));
    } catch (e) {
      setErrors((er) => ({ ...er, cover: messageOf(e) }));
    } finally {
      setUploading(false);
    }
  };

  const weekly = form.scheduleType === 'weekly';
  const once = form.scheduleType === 'once';
  return (
    <View className="events-staff" ariaRole="form" ariaLabel={event ? '修改活动' : '新建活动'}>
      {event?.status === 'published' ? (
        <Callout tone="info" id="event-editor-published">
          这个活动已经发布。改了时间、地点或名称，已报名的人会收到通知；名额不能少于已报名的人数。
        </Callout>
      ) : null}
      <Choices
        id="event-kind"
        label="活动类别"
        options={KIND_CHOICES}
        selected={form.kind ? [form.kind] : []}
        onToggle={edit('kind', 'kind')}
        error={errors.kind}
      />
      <Field
        id="event-title"
        label="活动名称"
        value={form.title}
        onInput={edit('title', 'title')}
        error={errors.title}
        maxlength={30}
        placeholder="例如：太极拳公益课"
      />
      <View className="events-staff__field">
        <View className="events-staff__field-label">活动介绍（可不填）</View>
        <Textarea
          id="event-description"
          data-testid="event-description"
          className="events-staff__textarea"
          {...labelled(errors.description ? `活动介绍，${errors.description}` : '活动介绍')}
          value={form.description}
          maxlength={2000}
          autoHeight
          placeholder="做什么、谁来讲、要带什么、穿什么"
          onInput={(e) => edit('description', 'description')(e.detail.value)}
        />
        {errors.description ? <FieldError id="event-description-error" message={errors.description} /> : null}
      </View>
      <View className="events-staff__field" id="event-cover">
        <View className="events-staff__field-label">封面图片（可不填）</View>
        <View className="events-staff__text events-staff__muted" id="event-cover-name">
          {form.coverName ? `已选：${form.coverName}` : '没有封面图片，老人看到的是活动类别的文字。'}
        </View>
        <BigButton
          id="event-cover-pick"
          kind="secondary"
          label={form.coverFileId ? '换一张图片' : '选择图片'}
          busy={uploading}
          busyLabel="正在上传…"
          onClick={chooseCover}
        />
        {form.coverFileId ? (
          <BigButton
            id="event-cover-remove"
            kind="secondary"
            label="不要封面了"
            disabled={uploading}
            onClick={() => setForm((f) => ({ ...f, coverFileId: null, coverName: '' }))}
          />
        ) : null}
        {errors.cover ? <FieldError id="event-cover-error" message={errors.cover} /> : null}
      </View>

      <View className="events-staff__subheading">地点</View>
      <Field
        id="event-place-name"
        label="活动地点"
        value={form.placeName}
        onInput={edit('placeName', 'placeName')}
        error={errors.placeName}
        maxlength={40}
        placeholder="例如：海沧文化中心广场"
      />
      <Field
        id="event-address"
        label="详细地址"
        value={form.address}
        onInput={edit('address', 'address')}
        error={errors.address}
        maxlength={100}
        placeholder="例如：厦门市海沧区滨湖北路"
      />
      <Field
        id="event-latitude"
        label="纬度（可不填）"
        hint="填了经纬度，老人可以在地图上看到位置、导航过去。两个都填或都不填。"
        value={form.latitude}
        onInput={edit('latitude', 'latitude')}
        error={errors.latitude}
        maxlength={12}
        placeholder="例如：24.4846"
      />
      <Field
        id="event-longitude"
        label="经度（可不填）"
        value={form.longitude}
        onInput={edit('longitude', 'latitude')}
        maxlength={12}
        placeholder="例如：118.0328"
      />

      <View className="events-staff__subheading">时间</View>
      <Choices
        id="event-schedule-type"
        label="活动时间怎么安排"
        options={SCHEDULE_CHOICES}
        selected={form.scheduleType ? [form.scheduleType] : []}
        onToggle={edit('scheduleType', 'scheduleType')}
        error={errors.scheduleType}
      />
      {once ? (
        <View className="events-staff__group">
          <Field
            id="event-date"
            label="活动日期"
            hint="写成 2026-12-05 这样"
            value={form.date}
            onInput={edit('date', 'date')}
            error={errors.date}
            maxlength={10}
          />
          <TimeFields form={form} errors={errors} edit={edit} />
        </View>
      ) : null}
      {weekly ? (
        <View className="events-staff__group">
          <Choices
            id="event-weekdays"
            label="每周哪几天（可多选）"
            multiple
            options={WEEKDAY_CHOICES}
            selected={form.weekdays.map(String)}
            onToggle={(v) => {
              const day = Number(v) as Weekday;
              edit('weekdays', 'weekdays')(form.weekdays.includes(day) ? form.weekdays.filter((d) => d !== day) : [...form.weekdays, day]);
            }}
            error={errors.weekdays}
          />
          <TimeFields form={form} errors={errors} edit={edit} />
          <Field
            id="event-from"
            label="从哪天开始"
            hint="写成 2026-12-01 这样"
            value={form.from}
            onInput={edit('from', 'from')}
            error={errors.from}
            maxlength={10}
          />
          <Field
            id="event-to"
            label="到哪天结束"
            hint="写成 2027-06-30 这样；最长三年"
            value={form.to}
            onInput={edit('to', 'to')}
            error={errors.to}
            maxlength={10}
          />
          {form.exceptions.length ? (
            <View className="events-staff__text events-staff__muted" id="event-exceptions">
              已经单独取消或改期的有 {form.exceptions.length} 次，保存时照样保留。
            </View>
          ) : null}
        </View>
      ) : null}
      {errors.schedule ? <FieldError id="event-schedule-error" message={errors.schedule} /> : null}

      <View className="events-staff__subheading">报名</View>
      <Field
        id="event-capacity"
        label="每次名额（人）"
        type="number"
        value={form.capacity}
        onInput={edit('capacity', 'capacity')}
        error={errors.capacity}
        maxlength={4}
        placeholder="例如：30"
      />
      <Choices
        id="event-opens"
        label="提前几天开始报名（那天0点起）"
        options={daysChoices(form.opensDaysBefore)}
        selected={[String(form.opensDaysBefore)]}
        onToggle={(v) => edit('opensDaysBefore', 'opensDaysBefore')(Number(v))}
        error={errors.opensDaysBefore}
      />
      <Choices
        id="event-closes"
        label="什么时候截止报名"
        options={minutesChoices(form.closesMinutesBefore, CLOSES_OFFERED)}
        selected={[String(form.closesMinutesBefore)]}
        onToggle={(v) => edit('closesMinutesBefore', 'closesMinutesBefore')(Number(v))}
        error={errors.closesMinutesBefore}
      />
      <Choices
        id="event-cancel"
        label="老人自己取消报名，最晚到什么时候"
        options={minutesChoices(form.cancelMinutesBefore, CANCEL_OFFERED)}
        selected={[String(form.cancelMinutesBefore)]}
        onToggle={(v) => edit('cancelMinutesBefore', 'cancelMinutesBefore')(Number(v))}
        error={errors.cancelMinutesBefore}
      />
      <Choices
        id="event-approval"
        label="报名要不要审核"
        options={APPROVAL_CHOICES}
        selected={[form.needsApproval ? 'yes' : 'no']}
        onToggle={(v) => edit('needsApproval', 'needsApproval')(v === 'yes')}
        error={errors.needsApproval}
      />
      <Field
        id="event-age-min"
        label="最低年龄（可不填）"
        hint="不限年龄就空着。例如只限75岁以下参加，就只填最高年龄75"
        type="number"
        value={form.ageMin}
        onInput={edit('ageMin', 'ageMin')}
        error={errors.ageMin}
        maxlength={3}
      />
      <Field
        id="event-age-max"
        label="最高年龄（可不填）"
        type="number"
        value={form.ageMax}
        onInput={edit('ageMax', 'ageMax')}
        error={errors.ageMax}
        maxlength={3}
      />

      {problem ? (
        <Callout tone="problem" id="event-editor-problem">
          {problem}
        </Callout>
      ) : null}
      <BigButton
        id="event-save"
        label={event ? '保存修改' : '保存'}
        busy={save.isPending}
        busyLabel="正在保存…"
        disabled={uploading}
        onClick={submit}
      />
      <BigButton id="event-editor-back" kind="secondary" label="不改了，返回" disabled={save.isPending} onClick={onCancel} />
    </View>
  );
}

function TimeFields({
  form,
  errors,
  edit,
}: {
  form: EventForm;
  errors: FormErrors;
  edit: <K extends keyof EventForm>(key: K, field: FormField) => (value: EventForm[K]) => void;
}) {
  return (
    <>
      <Field
        id="event-start"
        label="开始时间"
        hint="写成 08:00 这样（24小时制）"
        value={form.start}
        onInput={edit('start', 'start')}
        error={errors.start}
        maxlength={5}
      />
      <Field
        id="event-end"
        label="结束时间"
        hint="写成 09:30 这样"
        value={form.end}
        onInput={edit('end', 'end')}
        error={errors.end}
        maxlength={5}
      />
    </>
  );
}

function FieldError({ id, message }: { id: string; message: string }) {
  return (
    <View id={id} className="events-staff__error" ariaRole="alert" ariaLabel={message}>
      {message}
    </View>
  );
}
