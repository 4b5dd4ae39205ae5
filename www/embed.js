// The host page's own script: it listens to the element's events like any integration would.
const el = document.querySelector("datalint-check");
const status = document.getElementById("host-status");

el.addEventListener("datalint-progress", (e) => {
  const { bytes, total } = e.detail;
  status.textContent = `host: checking… ${total ? Math.round((bytes / total) * 100) : 100}%`;
});
el.addEventListener("datalint-report", (e) => {
  const n = e.detail.findings.length;
  status.textContent = `host received ${n} ${n === 1 ? "finding" : "findings"}`;
});
el.addEventListener("datalint-error", (e) => {
  status.textContent = `host received an error: ${e.detail.message}`;
});
