// The recordings page: a list of recent recordings and one recording's detail, kept up to date by the event
// stream (server-sent events) of the app. Plain DOM, no build step; everything it reads is under /ui/api.
'use strict';

const api = '/ui/api';
const $ = (id) => document.getElementById(id);
const runs = new Map();          // transcript id -> progress of its newest run, from the list's event stream
let detailRuns = new Map();      // the same, from the open recording's own stream (each stream keeps its own)
let listSource = null;           // EventSource of every transcript (list view)
let detailSource = null;         // EventSource of one transcript (detail view)
let listRows = new Map();        // transcript id -> recording overview
let detail = null;               // {recording, words} of the open recording
let peaks = [];
window.progressHistory = [];     // every figure the detail bar showed, for tests and the curious

// ---- progress of a run, as the events tell it ------------------------------------------------------------

function runOf(models, transcriptId, run) {
  let progress = models.get(transcriptId);
  if (!progress || run > progress.run) {
    progress = { run, status: 'processing', mix: 0, tracks: [], lastId: 0 };
    models.set(transcriptId, progress);
  }
  return progress;
}

function track(progress, index) {
  while (progress.tracks.length <= index) {
    progress.tracks.push({ fetch: 0, pad: 0, padded: null, words: null });
  }
  return progress.tracks[index];
}

/** Applies one event to the models of one stream; returns the run's progress, or null for an older event. */
function apply(models, event) {
  const progress = runOf(models, event.transcript_id, event.run);
  if (event.run < progress.run || event.id <= progress.lastId) {
    return null;
  }
  progress.lastId = event.id;
  const data = event.data || {};
  switch (event.event) {
    case 'STATUS': progress.status = data.value; break;
    case 'TRACK_FETCH': track(progress, data.track).fetch = data.percent; break;
    case 'TRACK_PAD': track(progress, data.track).pad = data.percent; break;
    case 'TRACK_PADDED': Object.assign(track(progress, data.track), { fetch: 100, pad: 100, padded: data }); break;
    case 'TRACK_TRANSCRIBED': track(progress, data.track).words = data.words; break;
    case 'MIX': progress.mix = data.percent; break;
    case 'TRANSCRIPT': progress.transcribed = true; break;
  }
  return progress;
}

/** Fetch 15 %, pad 35 % and transcription 25 % of each track, the mix 25 %; an ended run is 100 %. */
function percent(progress, trackCount) {
  if (!progress) return 0;
  if (progress.status === 'ended') return 100;
  const n = Math.max(trackCount || 0, progress.tracks.length, 1);
  let tracks = 0;
  progress.tracks.forEach((t) => {
    tracks += 0.15 * t.fetch + 0.35 * (t.padded ? 100 : t.pad) + 0.25 * (t.words !== null || progress.transcribed ? 100 : 0);
  });
  return Math.min(100, Math.round(tracks / n + 0.25 * progress.mix));
}

function setBar(fill, value, status) {
  fill.style.width = value + '%';
  fill.dataset.percent = String(value);
  fill.className = 'fill' + (status === 'ended' ? ' done' : status === 'error' ? ' failed' : '');
}

// ---- small helpers --------------------------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (k === 'class') node.className = v; else if (k.startsWith('data-')) node.setAttribute(k, v); else node[k] = v;
  });
  children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
  return node;
}

function duration(ms) {
  if (ms == null) return '—';
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  return (h ? h + ':' + String(m).padStart(2, '0') : m) + ':' + String(r).padStart(2, '0');
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}

function seconds(value) {
  return value == null ? '—' : Number(value).toFixed(2) + ' s';
}

async function json(path, options) {
  const response = await fetch(api + path, options);
  const body = await response.json().catch(() => ({}));
  return { status: response.status, body };
}

function debounce(fn, ms) {
  let timer = null;
  return () => { clearTimeout(timer); timer = setTimeout(fn, ms); };
}

function live(source) {
  source.onopen = () => $('live').classList.add('on');
  source.onerror = () => $('live').classList.remove('on');
  return source;
}

// ---- the list ---------------------------------------------------------------------------------------------

async function showList() {
  closeDetail();
  $('detail-view').hidden = true;
  $('list-view').hidden = false;
  $('where').textContent = 'Recordings';
  const { body } = await loadList();
  if (!listSource) {
    listSource = live(new EventSource(api + '/events?last_event_id=' + body.replay_from));
    const refresh = debounce(loadList, 300);
    listSource.onmessage = (message) => {
      const event = JSON.parse(message.data);
      apply(runs, event);
      const row = listRows.get(event.transcript_id);
      if (!row || ['STATUS', 'DURATION', 'AUDIO_DELETED'].includes(event.event)) refresh();
      else paintProgress(event.transcript_id);
    };
  }
  if (!window.uiReadyAt) window.uiReadyAt = performance.now();
}

async function loadList() {
  const status = $('status-filter').value;
  const result = await json('/recordings' + (status ? '?status=' + encodeURIComponent(status) : ''));
  const recordings = result.body.recordings || [];
  listRows = new Map(recordings.map((r) => [r.transcript_id, r]));
  const tbody = $('recordings');
  tbody.replaceChildren(...recordings.map((r) => el('tr', { 'data-transcript-id': r.transcript_id,
      onclick: () => { location.hash = '#/t/' + r.transcript_id; } },
    el('td', {}, when(r.recorded_at)),
    el('td', {}, r.platform),
    el('td', {}, r.room || '—'),
    el('td', {}, duration(r.duration_ms)),
    el('td', { class: 'participants' }, (r.participants || []).map((p) => p.name || 'Speaker ' + p.speaker).join(', ') || '—'),
    el('td', {}, el('span', { class: 'status ' + r.status }, r.status)),
    el('td', {}, el('div', { class: 'bar' }, el('div', { class: 'fill', 'data-percent': '0' }))))));
  recordings.forEach((r) => paintProgress(r.transcript_id));
  $('list-empty').hidden = recordings.length > 0;
  $('list-count').textContent = recordings.length + ' recording' + (recordings.length === 1 ? '' : 's');
  return result;
}

function paintProgress(transcriptId) {
  const row = listRows.get(transcriptId);
  const tr = document.querySelector('tr[data-transcript-id="' + CSS.escape(transcriptId) + '"]');
  if (!row || !tr) return;
  const progress = runs.get(transcriptId);
  const value = row.status === 'ended' ? 100 : progress && progress.run === row.run ? percent(progress, row.track_count) : 0;
  setBar(tr.querySelector('.fill'), value, row.status);
}

// ---- one recording ----------------------------------------------------------------------------------------

async function showDetail(transcriptId) {
  closeDetail();
  $('list-view').hidden = true;
  $('detail-view').hidden = false;
  $('timeline').replaceChildren();
  $('d-notice').hidden = true;
  window.progressHistory = [];
  detailRuns = new Map();
  peaks = [];
  drawWaveform();
  const loaded = await loadDetail(transcriptId);
  if (!loaded) return;
  loadWaveform(transcriptId);
  const player = $('player');
  const refresh = debounce(() => loadDetail(transcriptId), 200);
  detailSource = live(new EventSource(api + '/transcripts/' + encodeURIComponent(transcriptId) + '/events'));
  detailSource.onmessage = (message) => {
    const event = JSON.parse(message.data);
    apply(detailRuns, event);
    addToTimeline(event);
    if (event.event === 'WAVEFORM') { peaks = event.data.waveform || []; drawWaveform(); }
    if (event.event === 'AUDIO_DELETED') { player.removeAttribute('src'); player.load(); }
    if (['STATUS', 'DURATION', 'TRANSCRIPT', 'AUDIO_DELETED'].includes(event.event)) refresh();
    paintDetail();
  };
}

function closeDetail() {
  if (detailSource) { detailSource.close(); detailSource = null; }
  const player = $('player');
  if (player.src) { player.pause(); player.removeAttribute('src'); player.load(); }
}

async function loadDetail(transcriptId) {
  const { status, body } = await json('/recordings/' + encodeURIComponent(transcriptId));
  if (status !== 200) {
    $('d-room').textContent = body.message || 'not found';
    return false;
  }
  detail = body;
  const r = body.recording;
  $('where').textContent = r.room || r.transcript_id;
  $('d-room').textContent = r.room || r.transcript_id;
  $('d-platform').textContent = r.platform;
  $('d-when').textContent = when(r.recorded_at);
  $('d-duration').textContent = duration(r.duration_ms);
  $('d-transcription').textContent = r.transcription;
  $('d-run').textContent = r.run;
  $('d-status').textContent = r.status;
  $('d-status').className = 'status ' + r.status;
  $('d-error').hidden = r.status !== 'error' || !r.error_msg;
  $('d-error').textContent = r.error_msg || '';
  $('d-no-audio').hidden = !r.audio_deleted && r.duration_ms != null;
  $('d-no-audio').textContent = r.audio_deleted ? 'The audio was deleted (consent refused).' : 'No mix yet.';
  const player = $('player');
  player.hidden = r.audio_deleted || r.duration_ms == null;
  if (!player.hidden && !player.src) player.src = api + '/transcripts/' + encodeURIComponent(r.transcript_id) + '/audio/mp3';
  paintWords();
  paintDetail();
  return true;
}

function paintDetail() {
  if (!detail) return;
  const r = detail.recording;
  const progress = detailRuns.get(r.transcript_id);
  const current = progress && progress.run >= r.run ? progress : null;
  const status = current ? current.status : r.status;
  const value = status === 'ended' ? 100 : percent(current, r.track_count);
  const bar = $('d-progress');
  if (bar.dataset.percent !== String(value) || !window.progressHistory.length) window.progressHistory.push(value);
  setBar(bar, value, status);
  const count = Math.max(r.track_count, (r.participants || []).length, current ? current.tracks.length : 0);
  const rows = [];
  for (let i = 0; i < count; i++) {
    const participant = (r.participants || []).find((p) => p.speaker === i);
    const t = current && current.tracks[i];
    const padded = t && t.padded;
    rows.push(el('tr', { 'data-track': String(i) },
      el('td', {}, i),
      el('td', {}, participant ? participant.name || 'Speaker ' + i : 'Speaker ' + i),
      el('td', { class: 'offset' }, padded ? seconds(padded.offset_seconds) : '—'),
      el('td', {}, padded ? seconds(padded.gaps_filled_seconds) : '—'),
      el('td', {}, padded ? seconds(padded.duration_seconds) : '—'),
      el('td', {}, steps(t, status))));
  }
  $('tracks').replaceChildren(...rows);
}

function steps(t, status) {
  const done = status === 'ended';
  const chip = (label, state) => el('span', { class: 'step ' + state }, label);
  if (!t) return el('div', { class: 'steps' }, done ? chip('done', 'done') : chip('waiting', ''));
  return el('div', { class: 'steps' },
    chip(t.fetch >= 100 ? 'fetched' : 'fetch ' + t.fetch + '%', t.fetch >= 100 ? 'done' : 'active'),
    chip(t.padded ? 'padded' + (t.padded.path ? ' · ' + t.padded.path.toLowerCase().replace('_', ' ') : '') : 'pad ' + t.pad + '%', t.padded ? 'done' : t.fetch >= 100 ? 'active' : ''),
    chip(t.words !== null ? 'transcribed · ' + t.words + ' words' : 'transcribe', t.words !== null || done ? 'done' : t.padded ? 'active' : ''));
}

function addToTimeline(event) {
  const d = event.data || {};
  const summary = {
    STATUS: () => d.value + (d.reason ? ': ' + d.reason : ''),
    DURATION: () => duration(d.duration),
    WAVEFORM: () => (d.waveform || []).length + ' peaks',
    TRANSCRIPT: () => (d.text || '').slice(0, 80) || '(no words)',
    AUDIO_DELETED: () => d.reason + ', ' + d.raw_objects + ' raw objects, ' + d.outputs + ' outputs',
    TRACK_FETCH: () => 'track ' + d.track + ': ' + d.percent + '%',
    TRACK_PAD: () => 'track ' + d.track + ': ' + d.percent + '%',
    TRACK_PADDED: () => 'track ' + d.track + ' at ' + seconds(d.offset_seconds),
    MIX: () => d.percent + '%',
    TRACK_TRANSCRIBED: () => 'track ' + d.track + ': ' + d.words + ' words',
  }[event.event];
  const at = new Date(event.created_at).toLocaleTimeString();
  const item = el('li', { class: event.event === 'STATUS' ? 'status' : '', 'data-event': event.event },
    el('span', { class: 'at' }, at),
    el('span', { class: 'name' }, event.event + (event.run ? ' · run ' + event.run : '')),
    el('span', {}, summary ? summary() : JSON.stringify(d)));
  const list = $('timeline');
  list.append(item);
  list.scrollTop = list.scrollHeight;
}

function paintWords() {
  const words = detail.words || [];
  const box = $('words');
  if (!words.length) { box.replaceChildren(el('p', { class: 'muted' }, 'No words yet.')); return; }
  const names = new Map((detail.recording.participants || []).map((p) => [p.speaker, p.name || 'Speaker ' + p.speaker]));
  const turns = [];
  words.forEach((w) => {
    const last = turns[turns.length - 1];
    if (last && last.speaker === w.speaker) last.words.push(w); else turns.push({ speaker: w.speaker, words: [w] });
  });
  box.replaceChildren(...turns.map((turn) => el('div', { class: 'turn' },
    el('span', { class: 'speaker' }, (names.get(turn.speaker) || 'Speaker ' + turn.speaker) + ' · ' + duration(turn.words[0].start * 1000)),
    turn.words.map((w) => el('span', { class: 'word', onclick: () => seek(w.start) }, w.text)))));
}

// ---- waveform and player ----------------------------------------------------------------------------------

async function loadWaveform(transcriptId) {
  const { status, body } = await json('/transcripts/' + encodeURIComponent(transcriptId) + '/audio/waveform');
  if (status === 200) { peaks = body.data || []; drawWaveform(); }
}

function drawWaveform() {
  const canvas = $('waveform');
  const ctx = canvas.getContext('2d');
  const { width, height } = canvas;
  ctx.clearRect(0, 0, width, height);
  canvas.dataset.peaks = String(peaks.length);
  if (!peaks.length) return;
  const player = $('player');
  const played = player.duration ? player.currentTime / player.duration : 0;
  const step = width / peaks.length;
  peaks.forEach((peak, i) => {
    const h = Math.max(1, peak * (height - 8));
    ctx.fillStyle = (i + 0.5) / peaks.length <= played ? '#2f6fde' : '#a9b8d6';
    ctx.fillRect(i * step, (height - h) / 2, Math.max(1, step - 1), h);
  });
}

function seek(secondsFromStart) {
  const player = $('player');
  if (!player.src) return;
  player.currentTime = secondsFromStart;
}

// ---- wiring -----------------------------------------------------------------------------------------------

async function reprocess() {
  const transcriptId = detail && detail.recording.transcript_id;
  if (!transcriptId) return;
  const { status, body } = await json('/transcripts/' + encodeURIComponent(transcriptId) + '/process', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  const notice = $('d-notice');
  notice.hidden = false;
  notice.dataset.status = String(status);
  notice.className = 'notice' + (status === 202 ? ' ok' : '');
  notice.textContent = status === 202 ? 'Run ' + body.run + ' started.' : status + ': ' + (body.message || 'refused');
}

function route() {
  const match = location.hash.match(/^#\/t\/(.+)$/);
  if (match) showDetail(decodeURIComponent(match[1])); else showList();
}

document.addEventListener('DOMContentLoaded', () => {
  $('status-filter').addEventListener('change', loadList);
  $('reprocess').addEventListener('click', reprocess);
  const player = $('player');
  player.addEventListener('timeupdate', drawWaveform);
  player.addEventListener('seeked', drawWaveform);
  $('waveform').addEventListener('click', (e) => {
    const rect = e.target.getBoundingClientRect();
    if (player.duration) seek(player.duration * (e.clientX - rect.left) / rect.width);
  });
  window.addEventListener('hashchange', route);
  route();
});
