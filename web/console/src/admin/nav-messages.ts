import { defineMessages } from '../../../shared/i18n/i18n';

/** The admin pages' names in the console's navigation. */
export const adminNavMessages = defineMessages(
  {
    dashboard: 'Dashboard',
    staff: 'Staff',
    apiKeys: 'API keys',
    webhooks: 'Webhooks',
    audit: 'Audit log',
    templates: 'Message templates',
  },
  {
    dashboard: 'डैशबोर्ड',
    staff: 'स्टाफ़',
    apiKeys: 'API कुंजियाँ',
    webhooks: 'वेबहुक',
    audit: 'ऑडिट लॉग',
    templates: 'संदेश टेम्पलेट',
  },
);
