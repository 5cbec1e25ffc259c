import { useIntl } from 'react-intl';

import { getTranslation } from './getTranslation';

/** `t('moderation.search')`: the plugin's strings, through react-intl. */
export const useTranslate = () => {
  const { formatMessage } = useIntl();
  return (id: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage: id }, values);
};
