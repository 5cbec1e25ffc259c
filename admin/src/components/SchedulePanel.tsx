import { useState } from 'react';

import {
  Box,
  Button,
  DateTimePicker,
  Field,
  Flex,
  IconButton,
  Radio,
  Typography,
} from '@strapi/design-system';
import { Cross } from '@strapi/icons';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { useNotification, useRBAC } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';

import { POST_UID } from '../../../contracts/plugin';
import type { PublicationSchedule, ScheduleAction } from '../../../contracts/schedules';
import {
  useCancelBlogScheduleMutation,
  useCreateBlogScheduleMutation,
  useGetBlogSchedulesQuery,
} from '../api/schedules';
import {
  defaultScheduleTime,
  scheduleLineKey,
  scheduleProblem,
  splitSchedules,
} from '../utils/schedule-form';
import { useErrorMessage, type QueryError } from '../utils/useErrorMessage';
import { useTranslate } from '../utils/useTranslate';

/** Scheduling is publishing later: the same Content Manager action (the server checks the locale). */
const PUBLISH_POSTS = [{ action: 'plugin::content-manager.explorer.publish', subject: POST_UID }];

const ScheduleLine = ({
  schedule,
  onCancel,
  cancelling,
}: {
  schedule: PublicationSchedule;
  onCancel?: () => void;
  cancelling?: boolean;
}) => {
  const t = useTranslate();
  const { formatDate } = useIntl();
  const when = formatDate(schedule.at, { dateStyle: 'medium', timeStyle: 'short' });
  const by = schedule.byImport ? t('schedule.byImport') : (schedule.scheduledBy ?? '—');
  return (
    <Flex
      justifyContent="space-between"
      alignItems="flex-start"
      gap={2}
      data-testid="schedule-line"
      data-state={schedule.state}
    >
      <Flex direction="column" alignItems="flex-start" gap={1}>
        <Typography variant="omega" fontWeight="semiBold">
          {t(scheduleLineKey(schedule.action, schedule.state), { when })}
        </Typography>
        <Typography variant="pi" textColor="neutral600">
          {t('schedule.by', { name: by })}
        </Typography>
        {schedule.error && (
          <Typography variant="pi" textColor="danger600">
            {schedule.error}
          </Typography>
        )}
      </Flex>
      {onCancel && (
        <IconButton
          label={t('schedule.cancel', { when })}
          variant="ghost"
          onClick={onCancel}
          disabled={cancelling}
        >
          <Cross />
        </IconButton>
      )}
    </Flex>
  );
};

const PanelContent = ({ post, locale }: { post: string; locale: string }) => {
  const t = useTranslate();
  const errorMessage = useErrorMessage();
  const { toggleNotification } = useNotification();
  // Read again every 30 s, so a schedule that runs while the view is open shows it ran.
  const {
    data = [],
    isLoading,
    error,
  } = useGetBlogSchedulesQuery({ post, locale }, { pollingInterval: 30_000 });
  const [createSchedule, creating] = useCreateBlogScheduleMutation();
  const [cancelSchedule, cancelling] = useCancelBlogScheduleMutation();
  const [at, setAt] = useState<Date | undefined>(() => defaultScheduleTime(new Date()));
  const [action, setAction] = useState<ScheduleAction>('publish');
  const { allowedActions } = useRBAC(PUBLISH_POSTS);
  const mayPublish = Boolean(allowedActions.canPublish);

  const problem = scheduleProblem(at, new Date());
  const { upcoming, past } = splitSchedules(data);

  const submit = async () => {
    if (!at || problem) return;
    const result = await createSchedule({ post, locale, action, at: at.toISOString() });
    if ('error' in result) {
      toggleNotification({ type: 'danger', message: errorMessage(result.error as QueryError) });
    } else {
      toggleNotification({ type: 'success', message: t(`schedule.done.${action}`) });
    }
  };

  const cancel = async (id: number) => {
    const result = await cancelSchedule({ id, post, locale });
    if ('error' in result) {
      toggleNotification({ type: 'danger', message: errorMessage(result.error as QueryError) });
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={4} width="100%" data-testid="schedule-panel">
      {error ? (
        <Typography variant="pi" textColor="danger600">
          {errorMessage(error as QueryError)}
        </Typography>
      ) : (
        <Flex direction="column" alignItems="stretch" gap={3} data-testid="schedule-upcoming">
          {!isLoading && upcoming.length === 0 && (
            <Typography variant="pi" textColor="neutral600">
              {t('schedule.none')}
            </Typography>
          )}
          {upcoming.map((schedule) => (
            <ScheduleLine
              key={schedule.id}
              schedule={schedule}
              cancelling={cancelling.isLoading}
              onCancel={
                mayPublish && schedule.state === 'pending' ? () => cancel(schedule.id) : undefined
              }
            />
          ))}
        </Flex>
      )}

      {!mayPublish && (
        <Typography variant="pi" textColor="neutral600" data-testid="schedule-not-allowed">
          {t('schedule.notAllowed')}
        </Typography>
      )}
      {mayPublish && (
        <Flex direction="column" alignItems="stretch" gap={3}>
          <Field.Root name="schedule-action">
            <Field.Label>{t('schedule.action')}</Field.Label>
            <Radio.Group
              value={action}
              onValueChange={(value: string) => setAction(value as ScheduleAction)}
              aria-label={t('schedule.action')}
            >
              <Radio.Item value="publish">{t('schedule.action.publish')}</Radio.Item>
              <Radio.Item value="unpublish">{t('schedule.action.unpublish')}</Radio.Item>
            </Radio.Group>
          </Field.Root>
          <Field.Root
            name="schedule-at"
            error={at && problem ? t(problem) : undefined}
            hint={t('schedule.hint')}
          >
            <Field.Label>{t('schedule.when')}</Field.Label>
            <DateTimePicker
              value={at ?? null}
              onChange={(value) => setAt(value)}
              dateLabel={t('schedule.date')}
              timeLabel={t('schedule.time')}
              step={5}
            />
            <Field.Error />
            <Field.Hint />
          </Field.Root>
          <Button
            onClick={submit}
            disabled={Boolean(problem)}
            loading={creating.isLoading}
            fullWidth
            variant="secondary"
          >
            {t('schedule.submit')}
          </Button>
        </Flex>
      )}

      {past.length > 0 && (
        <Box>
          <Typography variant="sigma" textColor="neutral600" tag="h3">
            {t('schedule.past')}
          </Typography>
          <Flex direction="column" alignItems="stretch" gap={2} paddingTop={2}>
            {past.map((schedule) => (
              <ScheduleLine key={schedule.id} schedule={schedule} />
            ))}
          </Flex>
        </Box>
      )}
    </Flex>
  );
};

/**
 * The post edit view's "Schedule" panel: the pending schedules of the post's locale with who set
 * them, a time and Publish/Unpublish to schedule, cancel buttons, and what ran lately. A post
 * that is not saved yet has nothing to schedule.
 */
export const SchedulePanel: PanelComponent = ({ model, documentId, document }) => {
  const t = useTranslate();
  if (model !== POST_UID) return null;
  const locale = (document as { locale?: string } | undefined)?.locale;
  return {
    title: t('schedule.title'),
    content:
      documentId && locale ? (
        <PanelContent post={documentId} locale={locale} />
      ) : (
        <Typography variant="pi" textColor="neutral600">
          {t('schedule.saveFirst')}
        </Typography>
      ),
  };
};
