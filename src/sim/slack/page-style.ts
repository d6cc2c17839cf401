/** The page's CSS: a Slack-like layout, readable without any web font. */
export const PAGE_STYLE = `
:root { --aubergine: #3f0e40; --aubergine-2: #350d36; --text: #1d1c1d; --muted: #616061;
  --line: #e8e8e8; --link: #1264a3; --green: #007a5a; --red: #e01e5a; }
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body { font: 15px/1.46668 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue",
  Arial, "Noto Sans", "Liberation Sans", sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji"; color: var(--text); display: flex; flex-direction: column; }
.sim-banner { background: #fff4d6; color: #5c3b00; border-bottom: 1px solid #f2c744; padding: 6px 16px;
  font-size: 13px; display: flex; gap: 8px; align-items: center; }
.sim-banner strong { color: #7a4d00; }
.app { flex: 1; display: flex; min-height: 0; }
.sidebar { width: 250px; background: var(--aubergine); color: #cfc3cf; padding: 14px 0; display: flex;
  flex-direction: column; gap: 18px; flex-shrink: 0; }
.workspace { color: #fff; font-weight: 800; font-size: 18px; padding: 0 16px; }
.workspace small { display: block; font-weight: 400; font-size: 12px; color: #cfc3cf; }
.side-section h2 { font-size: 13px; font-weight: 600; margin: 0 0 4px; padding: 0 16px; color: #cfc3cf; }
.side-section a { display: block; color: #cfc3cf; text-decoration: none; padding: 3px 16px 3px 26px; }
.side-section a.active { background: #1164a3; color: #fff; font-weight: 600; }
.side-section label { display: block; padding: 0 16px; font-size: 13px; }
.side-section select { margin: 6px 16px 0; width: calc(100% - 32px); padding: 6px; border-radius: 6px;
  border: 1px solid #7c5a7d; background: var(--aubergine-2); color: #fff; font: inherit; }
.side-section .bot-status { padding: 0 16px; font-size: 12px; word-break: break-all; }
.live-dot { display: inline-block; width: 8px; height: 8px; border-radius: 50%; background: #999; margin-right: 6px; }
body[data-live="true"] .live-dot { background: #2bac76; }
.channel { flex: 1; display: flex; flex-direction: column; min-width: 0; background: #fff; }
.channel-header { border-bottom: 1px solid var(--line); padding: 10px 20px; display: flex; align-items: baseline; gap: 12px; }
.channel-header h1 { font-size: 18px; margin: 0; font-weight: 800; }
.channel-header .topic { color: var(--muted); font-size: 13px; }
.messages { flex: 1; overflow-y: auto; padding: 12px 0 8px; }
.empty { color: var(--muted); padding: 24px 20px; }
.msg { display: flex; gap: 8px; padding: 6px 20px; }
.msg:hover { background: #f8f8f8; }
.msg:target { background: #fff8e1; }
.avatar { width: 36px; height: 36px; border-radius: 6px; color: #fff; font-weight: 700; display: flex;
  align-items: center; justify-content: center; flex-shrink: 0; font-size: 16px; }
.avatar-bot { border-radius: 8px; box-shadow: inset 0 0 0 2px #ecb22e; }
.msg-main { min-width: 0; flex: 1; }
.msg-head { display: flex; align-items: baseline; gap: 6px; }
.author { font-weight: 900; }
.app-badge { background: #e8e8e8; color: var(--muted); font-size: 10px; font-weight: 700; padding: 0 3px; border-radius: 2px; }
.msg-head time, .edited { color: var(--muted); font-size: 12px; }
.msg-ephemeral { background: #f4f8fb; }
.ephemeral-note { color: var(--muted); font-size: 12px; font-style: italic; }
.broadcast-note { color: var(--muted); font-size: 12px; }
.broadcast-note a, .msg-body a { color: var(--link); }
.msg-copy { opacity: .85; }
.thread { margin: 0 20px 6px 64px; border-left: 3px solid #ddd; }
.thread > summary { cursor: pointer; color: var(--link); font-weight: 700; font-size: 13px; padding: 2px 10px; }
.thread .msg { padding-left: 10px; }
.block { margin: 4px 0; }
.block-header h3 { font-size: 18px; font-weight: 900; margin: 6px 0 2px; }
.block-divider hr { border: 0; border-top: 1px solid var(--line); margin: 8px 0; }
.block-section { display: flex; gap: 12px; align-items: flex-start; }
.section-body { flex: 1; min-width: 0; }
.section-fields { display: grid; grid-template-columns: 1fr 1fr; gap: 6px 16px; margin-top: 4px; }
.block-context { color: var(--muted); font-size: 12px; display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.context-image { width: 16px; height: 16px; border-radius: 3px; }
.block-actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 6px; }
.sim-button { font: inherit; font-size: 14px; font-weight: 700; padding: 4px 14px; min-height: 32px; border-radius: 4px;
  border: 1px solid #bbb; background: #fff; color: var(--text); cursor: pointer; text-decoration: none; }
.sim-button:hover { background: #f6f6f6; }
.sim-button:disabled { opacity: .5; cursor: progress; }
.sim-button-primary { background: var(--green); border-color: var(--green); color: #fff; }
.sim-button-primary:hover { background: #148567; }
.sim-button-danger { background: var(--red); border-color: var(--red); color: #fff; }
.sim-button-danger:hover { background: #c91a4e; }
.element-unsupported, .block-unsupported { color: var(--muted); font-size: 12px; }
.block-image img { max-width: 360px; border-radius: 6px; }
code { font: 12px/1.5 Menlo, Consolas, monospace; background: #f6f6f6; border: 1px solid #ddd; color: #c01343; padding: 1px 3px; border-radius: 3px; }
.mrkdwn-pre { font: 12px/1.5 Menlo, Consolas, monospace; background: #f8f8f8; border: 1px solid #ddd; border-radius: 4px;
  padding: 8px; margin: 4px 0; white-space: pre-wrap; word-break: break-word; }
.mrkdwn-pre + br { display: none; }
blockquote { margin: 4px 0; padding-left: 10px; border-left: 4px solid #ddd; }
.mention { background: #e8f5fa; color: var(--link); border-radius: 3px; padding: 0 2px; font-weight: 500; }
.composer { margin: 0 20px 6px; border: 1px solid #bbb; border-radius: 8px; display: flex; gap: 8px; padding: 8px; }
.composer input { flex: 1; border: 0; outline: none; font: inherit; }
.composer button { background: var(--green); color: #fff; border: 0; border-radius: 4px; padding: 4px 14px; font-weight: 700; cursor: pointer; }
.composer-hint { margin: 0 20px 10px; font-size: 12px; color: var(--muted); }
.status { margin: 0 20px 6px; font-size: 13px; color: #a3001f; min-height: 0; }
dialog { border: 0; border-radius: 8px; padding: 0; width: min(520px, 92vw); box-shadow: 0 18px 48px rgba(0,0,0,.35); }
dialog::backdrop { background: rgba(0,0,0,.45); }
dialog form { padding: 20px 24px; }
dialog h2 { margin: 0 0 12px; font-size: 22px; font-weight: 900; }
.dialog-buttons { display: flex; justify-content: flex-end; gap: 8px; margin-top: 20px; }
`;
