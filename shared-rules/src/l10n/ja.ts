import type { RuleTexts } from './index';

/** Japanese texts by rule id: every rule's title and every message id (checked by a test). */
export const ja: Record<string, RuleTexts> = {
  privileged: {
    title: 'コンテナが特権モードで動作します',
    messages: {
      default: 'サービス「{service}」は privileged で動作します。すべてのケーパビリティとホストのデバイスを得るため、コンテナ内の root はホストの root と同じです',
      fix: 'privileged: true を削除する',
    },
  },
};
