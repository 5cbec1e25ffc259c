import { useEffect, useState, type ReactNode } from 'react';

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
import {
  Layouts,
  Page,
  isFetchError,
  useAPIErrorHandler,
  useNotification,
  useRBAC,
} from '@strapi/strapi/admin';

import type { ModerationSettings } from '../../../contracts/moderation';
import { useBlogApi } from '../api/blog';
import { PERMISSIONS } from '../permissions';
import {
  fieldErrors,
  toFormValues,
  toSettings,
  type SettingsFormValues,
} from '../utils/settings-form';
import { useTranslate } from '../utils/useTranslate';

type Key = keyof SettingsFormValues;

/** Settings → Blog: every moderation rule, with help, checked by the server on save. */
export const SettingsPage = () => {
  const t = useTranslate();
  const api = useBlogApi();
  const { toggleNotification } = useNotification();
  const { formatAPIError } = useAPIErrorHandler();
  const { allowedActions, isLoading } = useRBAC({
    read: PERMISSIONS.readSettings,
    update: PERMISSIONS.updateSettings,
  });
  const [values, setValues] = useState<SettingsFormValues | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!allowedActions.canRead) return;
    api
      .settings()
      .then((body) => setValues(toFormValues(body.data)))
      .catch((cause) => setLoadError(formatAPIError(cause)));
  }, [api, allowedActions.canRead, formatAPIError]);

  if (isLoading) return <Page.Loading />;
  if (!allowedActions.canRead) return <Page.NoPermissions />;
  if (loadError) return <Page.Error content={loadError} />;
  if (!values) return <Page.Loading />;

  const readOnly = !allowedActions.canUpdate;
  const set = (key: Key) => (value: string) => setValues({ ...values, [key]: value });

  const save = async () => {
    setSaving(true);
    setErrors({});
    try {
      const body = await api.saveSettings(toSettings(values));
      setValues(toFormValues(body.data));
      toggleNotification({ type: 'success', message: t('settings.saved') });
    } catch (cause) {
      const details = isFetchError(cause)
        ? (cause.response?.data.error.details as {
            errors?: Array<{ path: string[]; message: string }>;
          })
        : undefined;
      setErrors(fieldErrors(details?.errors));
      toggleNotification({
        type: 'danger',
        message: details?.errors?.length ? t('settings.invalid') : formatAPIError(cause as never),
      });
    } finally {
      setSaving(false);
    }
  };

  const field = (key: Key, input: ReactNode, size = 6) => (
    <Grid.Item col={size} s={12} key={key} direction="column" alignItems="stretch">
      <Field.Root
        name={key}
        id={`blog-setting-${key}`}
        error={errors[key]}
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
          void save();
        }}
      >
        <Layouts.Header
          title={t('settings.title')}
          subtitle={t('settings.subtitle')}
          primaryAction={
            allowedActions.canUpdate ? (
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
          </Flex>
        </Layouts.Content>
      </form>
    </Page.Main>
  );
};

export default SettingsPage;
