import { useState, type ReactNode } from 'react';

import {
  Box,
  Button,
  Field,
  Flex,
  Grid,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Textarea,
  Typography,
} from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { Layouts, Page, useNotification, useRBAC } from '@strapi/strapi/admin';

import type { ModerationSettings } from '../../../contracts/moderation';
import { useGetBlogSettingsQuery, useSaveBlogSettingsMutation } from '../api/blog';
import { ReplyNameForm } from '../components/ReplyNameForm';
import { PERMISSIONS } from '../permissions';
import {
  serverProblems,
  toFormValues,
  toSettings,
  validateSettings,
  type FormProblems,
  type SettingsFormValues,
} from '../utils/settings-form';
import { useErrorMessage, type QueryError } from '../utils/useErrorMessage';
import { useTranslate } from '../utils/useTranslate';

type Key = keyof SettingsFormValues;

/** Checked once for the page: `canRead` and `canUpdate`. */
const SETTINGS_PERMISSIONS = [...PERMISSIONS.readSettings, ...PERMISSIONS.updateSettings];

/** Settings → Blog: every moderation rule, with help, checked by the server on save. */
export const SettingsPage = () => {
  const errorMessage = useErrorMessage();
  const { allowedActions, isLoading } = useRBAC(SETTINGS_PERMISSIONS);
  const settings = useGetBlogSettingsQuery(undefined, {
    skip: !allowedActions.canRead,
    refetchOnMountOrArgChange: true,
  });

  if (isLoading) return <Page.Loading />;
  if (!allowedActions.canRead) return <Page.NoPermissions />;
  if (settings.error) return <Page.Error content={errorMessage(settings.error)} />;
  if (!settings.data) return <Page.Loading />;

  // A copy from the cache shows at once; the form starts again from each newer read (this
  // visit's, and the one after a save).
  return (
    <SettingsForm
      key={settings.fulfilledTimeStamp}
      saved={settings.data.data}
      canUpdate={Boolean(allowedActions.canUpdate)}
    />
  );
};

/** The form: the editor's values until saved, then the values the server kept. */
const SettingsForm = ({ saved, canUpdate }: { saved: ModerationSettings; canUpdate: boolean }) => {
  const t = useTranslate();
  const { toggleNotification } = useNotification();
  const errorMessage = useErrorMessage();
  const [save, { isLoading: saving }] = useSaveBlogSettingsMutation();
  const [values, setValues] = useState<SettingsFormValues>(() => toFormValues(saved));
  const [errors, setErrors] = useState<FormProblems>({});

  const readOnly = !canUpdate;
  const set = (key: Key) => (value: string) => {
    setValues({ ...values, [key]: value });
    // A field's message goes once it is edited; the next save checks it again.
    if (errors[key]) setErrors({ ...errors, [key]: undefined });
  };
  const label = (key: string) => t(`settings.${key}`);
  /** A field's problem as a sentence naming the field as the form labels it. */
  const message = (key: Key) => {
    const problem = errors[key];
    return problem ? t(problem.id, { ...problem.values, label: label(key) }) : undefined;
  };
  const refuse = (problems: FormProblems) => {
    setErrors(problems);
    const fields = Object.keys(problems).map(label);
    toggleNotification({
      type: 'danger',
      message: t('settings.invalid', { fields: fields.join(', ') }),
    });
  };

  const submit = async () => {
    // Refused here, before sending, with the server's own bounds.
    const problems = validateSettings(values);
    if (Object.keys(problems).length > 0) {
      refuse(problems);
      return;
    }
    setErrors({});
    try {
      const body = await save(toSettings(values)).unwrap();
      setValues(toFormValues(body.data));
      toggleNotification({ type: 'success', message: t('settings.saved') });
    } catch (cause) {
      // A refusal of the values names each field (`details.errors`).
      const error = cause as QueryError & {
        details?: { errors?: Array<{ path: string[]; message: string }> };
      };
      const invalid = serverProblems(error.details?.errors, values);
      if (Object.keys(invalid).length > 0) refuse(invalid);
      else toggleNotification({ type: 'danger', message: errorMessage(error) });
    }
  };

  const field = (key: Key, input: ReactNode, size = 6) => (
    <Grid.Item col={size} s={12} key={key} direction="column" alignItems="stretch">
      <Field.Root
        name={key}
        id={`blog-setting-${key}`}
        error={message(key)}
        hint={t(`settings.${key}.hint`)}
      >
        <Field.Label>{t(`settings.${key}`)}</Field.Label>
        {input}
        <Field.Hint />
        <Field.Error />
      </Field.Root>
    </Grid.Item>
  );
  const text = (key: Key, inputMode?: 'numeric') =>
    field(
      key,
      <TextInput
        value={values[key]}
        inputMode={inputMode}
        disabled={readOnly}
        onChange={(event: React.ChangeEvent<HTMLInputElement>) => set(key)(event.target.value)}
      />
    );
  const list = (key: Key) =>
    field(
      key,
      <Textarea
        value={values[key]}
        disabled={readOnly}
        onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => set(key)(event.target.value)}
      />
    );
  const section = (title: string, children: ReactNode) => (
    <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography variant="delta" tag="h2">
          {title}
        </Typography>
        <Grid.Root gap={5}>{children}</Grid.Root>
      </Flex>
    </Box>
  );

  return (
    <Page.Main>
      <Page.Title>{t('settings.title')}</Page.Title>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Layouts.Header
          title={t('settings.title')}
          subtitle={t('settings.subtitle')}
          primaryAction={
            canUpdate ? (
              <Button type="submit" startIcon={<Check />} loading={saving}>
                {t('settings.save')}
              </Button>
            ) : undefined
          }
        />
        <Layouts.Content>
          <Flex direction="column" alignItems="stretch" gap={6}>
            {section(t('settings.section.posts'), [
              text('closeAfterDays', 'numeric'),
              text('maxDepth', 'numeric'),
              text('maxLength', 'numeric'),
            ])}
            {section(t('settings.section.limits'), [
              text('floodIntervalSeconds', 'numeric'),
              text('honeypotField'),
              text('minSubmitSeconds', 'numeric'),
              text('maxLinks', 'numeric'),
            ])}
            {section(t('settings.section.words'), [
              list('disallowedWords'),
              list('moderationWords'),
              field(
                'requireApproval',
                <SingleSelect
                  value={values.requireApproval}
                  disabled={readOnly}
                  onChange={(value: string | number) =>
                    set('requireApproval')(String(value) as ModerationSettings['requireApproval'])
                  }
                >
                  {(['first-time', 'always', 'never'] as const).map((option) => (
                    <SingleSelectOption key={option} value={option}>
                      {t(`settings.requireApproval.${option}`)}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              ),
            ])}
            {section(t('settings.section.trash'), [text('trashDays', 'numeric')])}
            {section(t('settings.section.readers'), [
              text('editWindowMinutes', 'numeric'),
              text('reportsToHold', 'numeric'),
            ])}
          </Flex>
        </Layouts.Content>
      </form>
      <Layouts.Content>
        <Box paddingTop={6}>
          <ReplyNameForm />
        </Box>
      </Layouts.Content>
    </Page.Main>
  );
};

export default SettingsPage;
