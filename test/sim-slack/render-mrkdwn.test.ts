import { describe, expect, it } from 'vitest';
import { renderMrkdwn } from '../../src/sim/slack/index.js';

const names = {
  users: { U0BOB: 'bob', U0ALICE: 'alice' },
  usergroups: { S0DBLEADS: 'db-leads' },
  channels: { C0OPS: 'ops' },
};

describe('renderMrkdwn', () => {
  it('when text uses *bold*, _italic_ and ~strike~, then they become strong, em and del', () => {
    expect(renderMrkdwn('*bold* _italic_ ~gone~')).toBe(
      '<strong>bold</strong> <em>italic</em> <del>gone</del>',
    );
  });

  it('when markers sit inside words or numbers, then they stay literal', () => {
    expect(renderMrkdwn('prod_db_name 2*3*4 a~b~c')).toBe('prod_db_name 2*3*4 a~b~c');
  });

  it('when bold spans a mention, then both render', () => {
    expect(renderMrkdwn('*Approved by <@U0BOB>*', names)).toBe(
      '<strong>Approved by <span class="mention mention-user" data-id="U0BOB">@bob</span></strong>',
    );
  });

  it('when text has inline code and a code block, then their content is escaped and not formatted', () => {
    expect(renderMrkdwn('run `a &lt; *b*`')).toBe('run <code>a &lt; *b*</code>');
    expect(renderMrkdwn('```\nSELECT 1 &amp;&amp; *x*;\n```')).toBe(
      '<pre class="mrkdwn-pre">SELECT 1 &amp;&amp; *x*;</pre>',
    );
  });

  it('when a link has a label, then it becomes an anchor that opens a new tab', () => {
    expect(renderMrkdwn('<https://example.com/a?b=1&amp;c=2|the docs>')).toBe(
      '<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">the docs</a>',
    );
    expect(renderMrkdwn('<https://example.com>')).toContain('>https://example.com</a>');
  });

  it('when a link uses a javascript: URL, then no anchor is produced', () => {
    const html = renderMrkdwn('<javascript:alert(1)|click me>');
    expect(html).toBe('click me');
    expect(renderMrkdwn('<javascript:alert(1)>')).toBe('&lt;javascript:alert(1)&gt;');
  });

  it('when mentions name users, groups and channels, then they show as @name, @handle and #name', () => {
    const html = renderMrkdwn('<@U0ALICE> <!subteam^S0DBLEADS> <#C0OPS> <!here>', names);
    expect(html).toContain('>@alice</span>');
    expect(html).toContain('>@db-leads</span>');
    expect(html).toContain('>#ops</span>');
    expect(html).toContain('>@here</span>');
  });

  it('when a mention is unknown, then the label or the ID is shown', () => {
    expect(renderMrkdwn('<@U0ZED> <@U0ZED|zed> <!subteam^S0X|@team>')).toBe(
      '<span class="mention mention-user" data-id="U0ZED">@U0ZED</span> ' +
        '<span class="mention mention-user" data-id="U0ZED">@zed</span> ' +
        '<span class="mention mention-usergroup" data-id="S0X">@team</span>',
    );
  });

  it("when user text contains Slack's escaped <, > and &, then they are shown as text, not markup", () => {
    const html = renderMrkdwn('a &lt;script&gt;alert(1)&lt;/script&gt; &amp; b');
    expect(html).toBe('a &lt;script&gt;alert(1)&lt;/script&gt; &amp; b');
    expect(html).not.toContain('<script');
  });

  it('when entities are double-escaped, then they are decoded exactly once', () => {
    expect(renderMrkdwn('&amp;lt;b&amp;gt;')).toBe('&amp;lt;b&amp;gt;');
  });

  it('when raw markup reaches the renderer, then it is escaped', () => {
    expect(renderMrkdwn('<img src=x onerror=alert(1)>')).not.toContain('<img');
    expect(renderMrkdwn('a < b > c & "d"')).toBe('a &lt; b &gt; c &amp; &quot;d&quot;');
  });

  it('when a link label or URL carries quotes and tags, then the anchor stays well formed', () => {
    const html = renderMrkdwn('<https://x.test/"onmouseover="alert(1)|&lt;b&gt;hi&lt;/b&gt;>');
    expect(html).toBe(
      '<a href="https://x.test/&quot;onmouseover=&quot;alert(1)" target="_blank" rel="noopener noreferrer">&lt;b&gt;hi&lt;/b&gt;</a>',
    );
  });

  it('when text contains the private marker characters, then they cannot forge rendered spans', () => {
    expect(renderMrkdwn('x\uE0000\uE001 `<b>`')).toBe('x0 <code>&lt;b&gt;</code>');
  });

  it('when lines start with >, then they become a quote, and newlines become line breaks', () => {
    expect(renderMrkdwn('&gt; quoted *line*\nnext')).toBe(
      '<blockquote>quoted <strong>line</strong></blockquote>next',
    );
    expect(renderMrkdwn('one\ntwo')).toBe('one<br>two');
  });

  it('when known emoji shortcodes appear, then they render as characters', () => {
    expect(renderMrkdwn(':white_check_mark: done :not_an_emoji:')).toBe('✅ done :not_an_emoji:');
  });
});
