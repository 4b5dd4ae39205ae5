// The progress card of a running check: bytes read, rows, speed, time left and elapsed.
import { fmtBytes, fmtDuration, fmtInt, fmtSpeed } from "../render.js";

export class Progress {
  #ui;
  #tick = null;
  #elapsed = () => null;

  /** `ui`: the shell's parts (progress, progressTitle, progressBar, stat). */
  constructor(ui) {
    this.#ui = ui;
  }

  /** Shows the card for `file`; `elapsed()` gives the run's milliseconds (null: no run). */
  show(file, name, elapsed) {
    const ui = this.#ui;
    this.#elapsed = elapsed;
    ui.progressTitle.textContent = `Checking ${name}`;
    ui.progressBar.removeAttribute("value");
    ui.progressBar.setAttribute("max", "1");
    ui.progressBar.setAttribute("aria-label", "Bytes checked");
    ui.stat.bytes.textContent = `0 B of ${fmtBytes(file.size)}`;
    ui.stat.rows.textContent = "0";
    ui.stat.speed.textContent = "–";
    ui.stat.left.textContent = "–";
    ui.stat.elapsed.textContent = "0 ms";
    ui.progress.hidden = false;
  }

  /** Ticks the elapsed time four times a second until hide(). */
  startTicking() {
    if (this.#tick) clearInterval(this.#tick);
    this.#tick = setInterval(() => this.#showElapsed(), 250);
  }

  #showElapsed() {
    const ms = this.#elapsed();
    if (ms !== null) this.#ui.stat.elapsed.textContent = fmtDuration(ms);
  }

  /** A progress message from the worker: { bytes, total, rows, elapsedMs }. */
  update(m) {
    const ui = this.#ui;
    const total = Number(m.total) || 0;
    const bytes = Number(m.bytes) || 0;
    const frac = total > 0 ? Math.min(1, bytes / total) : 1;
    ui.progressBar.setAttribute("value", String(frac));
    ui.progressBar.setAttribute("aria-valuetext", `${Math.round(frac * 100)}%`);
    ui.stat.bytes.textContent = `${fmtBytes(bytes)} of ${fmtBytes(total)} (${Math.round(frac * 100)}%)`;
    ui.stat.rows.textContent = fmtInt(m.rows);
    const sec = (Number(m.elapsedMs) || 0) / 1000;
    const rate = sec > 0 ? bytes / sec : 0;
    ui.stat.speed.textContent = fmtSpeed(rate);
    ui.stat.left.textContent = rate > 0 ? (bytes >= total ? "finishing" : fmtDuration(((total - bytes) / rate) * 1000)) : "–";
    this.#showElapsed();
  }

  hide() {
    this.#ui.progress.hidden = true;
    if (this.#tick) {
      clearInterval(this.#tick);
      this.#tick = null;
    }
  }
}
