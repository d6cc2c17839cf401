import { describe, expect, it } from 'vitest';
import { renderBlocks, validateBlocks } from '../../src/sim/slack/index.js';

const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const plain = (text: string) => ({ type: 'plain_text', text, emoji: true });

describe('renderBlocks', () => {
  it('when given a header, then it renders its plain text as a heading, escaped', () => {
    const html = renderBlocks([
      { type: 'header', block_id: 'h1', text: plain('Scale <up> :rocket:') },
    ]);
    expect(html).toBe(
      '<div class="block block-header" data-block-type="header" data-block-id="h1"><h3>Scale &lt;up&gt; 🚀</h3></div>',
    );
  });

  it('when given a section with mrkdwn text and fields, then both render as mrkdwn', () => {
    const html = renderBlocks(
      [
        {
          type: 'section',
          text: mrkdwn('*Plan* for <@U0ALICE>'),
          fields: [mrkdwn('*Cluster*\n`prod-db`'), mrkdwn('*Class*\nr6g.2xlarge')],
        },
      ],
      { users: { U0ALICE: 'alice' } },
    );
    expect(html).toContain('<div class="section-text"><strong>Plan</strong> for ');
    expect(html).toContain('>@alice</span>');
    expect(html).toContain(
      '<div class="section-field"><strong>Cluster</strong><br><code>prod-db</code></div>',
    );
    expect(html).toContain(
      '<div class="section-field"><strong>Class</strong><br>r6g.2xlarge</div>',
    );
  });

  it('when a section has plain_text, then mrkdwn markers are not interpreted', () => {
    const html = renderBlocks([{ type: 'section', text: plain('*not bold* &amp;') }]);
    expect(html).toContain('*not bold* &amp;amp;');
  });

  it('when given a context block, then its text and image elements render small', () => {
    const html = renderBlocks([
      {
        type: 'context',
        elements: [
          mrkdwn('run `01HX` · _step 2 of 6_'),
          { type: 'image', image_url: 'https://example.com/i.png', alt_text: 'icon "x"' },
          { type: 'image', image_url: 'javascript:alert(1)', alt_text: 'bad' },
        ],
      },
    ]);
    expect(html).toContain('data-block-type="context"');
    expect(html).toContain('<code>01HX</code> · <em>step 2 of 6</em>');
    expect(html).toContain(
      '<img class="context-image" src="https://example.com/i.png" alt="icon &quot;x&quot;">',
    );
    expect(html).not.toContain('javascript:');
  });

  it('when given a divider, then it renders a rule', () => {
    expect(renderBlocks([{ type: 'divider' }])).toBe(
      '<div class="block block-divider" data-block-type="divider"><hr></div>',
    );
  });

  it('when given actions with primary and danger buttons, then each carries its ids, value and style', () => {
    const html = renderBlocks([
      {
        type: 'actions',
        block_id: 'gate-1',
        elements: [
          {
            type: 'button',
            action_id: 'approve',
            value: '{"wf":"1"}',
            style: 'primary',
            text: plain('Approve'),
          },
          {
            type: 'button',
            action_id: 'reject',
            value: 'r',
            style: 'danger',
            text: plain('Reject'),
          },
          { type: 'button', action_id: 'details', text: plain('Details') },
        ],
      },
    ]);
    expect(html).toContain(
      '<button type="button" class="sim-button sim-button-primary" data-testid="button-approve" data-action-id="approve" data-block-id="gate-1" data-value="{&quot;wf&quot;:&quot;1&quot;}" aria-label="Approve">Approve</button>',
    );
    expect(html).toContain('class="sim-button sim-button-danger" data-testid="button-reject"');
    expect(html).toContain('class="sim-button" data-testid="button-details"');
  });

  it('when a button has a confirm object, then the dialog texts ride along as attributes, the text rendered safely', () => {
    const html = renderBlocks([
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: 'approve',
            text: plain('Approve switchover'),
            confirm: {
              title: plain('Switch over prod-db?'),
              text: mrkdwn('Writes stop for *about 30 s*. <img src=x onerror=alert(1)>'),
              confirm: plain('Switch over'),
              deny: plain('Not yet'),
              style: 'danger',
            },
          },
        ],
      },
    ]);
    expect(html).toContain('data-confirm-title="Switch over prod-db?"');
    expect(html).toContain('data-confirm-ok="Switch over"');
    expect(html).toContain('data-confirm-deny="Not yet"');
    expect(html).toContain('data-confirm-style="danger"');
    expect(html).toContain(
      'data-confirm-html="Writes stop for &lt;strong&gt;about 30 s&lt;/strong&gt;. &amp;lt;img src=x onerror=alert(1)&amp;gt;"',
    );
  });

  it('when a section has a button accessory, then the button renders beside the text', () => {
    const html = renderBlocks([
      {
        type: 'section',
        block_id: 's1',
        text: mrkdwn('Step 3'),
        accessory: { type: 'button', action_id: 'retry', text: plain('Retry') },
      },
    ]);
    expect(html).toContain(
      '<div class="section-accessory"><button type="button" class="sim-button" data-testid="button-retry" data-action-id="retry" data-block-id="s1"',
    );
  });

  it('when block fields carry markup, then nothing is injected anywhere', () => {
    const evil = '"><script>alert(1)</script>';
    const html = renderBlocks([
      { type: 'header', block_id: evil, text: plain(evil) },
      { type: 'section', text: mrkdwn(evil), fields: [plain(evil)] },
      {
        type: 'actions',
        elements: [{ type: 'button', action_id: evil, value: evil, text: plain(evil) }],
      },
      { type: evil },
    ]);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('data-block-id="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).toContain('data-value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it('when a block or element type is unknown, then a visible placeholder is rendered', () => {
    const html = renderBlocks([
      { type: 'input', label: plain('x') },
      { type: 'actions', elements: [{ type: 'static_select' }] },
    ]);
    expect(html).toContain('Block type “input” is not rendered by the stand-in.');
    expect(html).toContain('[static_select]');
  });
});

describe('validateBlocks', () => {
  it('when a message has 51 blocks or a section text over 3000 characters, then Slack-style problems are listed', () => {
    const many = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    expect(validateBlocks(many)).toEqual(['no more than 50 items allowed [json-pointer:/blocks]']);
    expect(validateBlocks([{ type: 'section', text: mrkdwn('x'.repeat(3001)) }])).toEqual([
      'must be less than 3001 characters [json-pointer:/blocks/0/text/text]',
    ]);
    expect(validateBlocks([{ type: 'section', text: mrkdwn('x'.repeat(3000)) }])).toEqual([]);
  });

  it('when block ids repeat or a type is unknown, then both are reported', () => {
    expect(
      validateBlocks([
        { type: 'divider', block_id: 'a' },
        { type: 'divider', block_id: 'a' },
        { type: 'nope' },
      ]),
    ).toEqual([
      'duplicate block_id: a [json-pointer:/blocks/1/block_id]',
      'failed to match all allowed schemas [json-pointer:/blocks/2]',
    ]);
  });
});
