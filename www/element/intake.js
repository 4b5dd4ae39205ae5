// Intake: a file chosen with the picker, dropped on the drop zone or pasted, text pasted or
// dropped, and the sample. Like <file-drop>, it has one way out: every piece of data becomes one
// call of `host.check(file, name?)` (pasted text is made a File first).
const SAMPLE_URL = new URL("../samples/adult-2000.csv", import.meta.url);
const SAMPLE_NAME = "adult-2000.csv";

/** A name for pasted text, from what it looks like (the engine sniffs the content anyway). */
function pastedName(text) {
  const t = text.trimStart();
  if (t.startsWith("[")) return "pasted.json";
  if (t.startsWith("{")) return "pasted.jsonl";
  return "pasted.csv";
}

/**
 * Wires the shell's intake parts (`ui`: input, sample, textarea, pasteCheck, drop) and paste on
 * `root`. `host`: { check(file, name?), fail(message), clearAlert(), busy() }.
 */
export function attachIntake(root, ui, host) {
  const { drop, input, sample, textarea, pasteCheck } = ui;

  const checkText = (text) => {
    if (!text || !text.trim()) {
      host.fail("There is no text to check: paste CSV or JSONL first.");
      return;
    }
    const name = pastedName(text);
    const type = name.endsWith(".csv") ? "text/csv" : "application/x-ndjson";
    host.check(new File([text], name, { type }), name);
  };

  const checkSample = async () => {
    sample.disabled = true;
    sample.textContent = "Loading the sample…";
    host.clearAlert();
    try {
      const res = await fetch(SAMPLE_URL);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const blob = await res.blob();
      sample.textContent = "Try a sample";
      await host.check(new File([blob], SAMPLE_NAME, { type: "text/csv" }), SAMPLE_NAME);
    } catch (err) {
      sample.textContent = "Try a sample";
      sample.disabled = host.busy();
      host.fail(`Could not load the sample: ${err?.message ?? err}`);
    }
  };

  const onPaste = (e) => {
    const t = e.target;
    const tag = t?.tagName;
    if (tag === "TEXTAREA" || tag === "INPUT" || tag === "SELECT") return;
    const data = e.clipboardData;
    if (!data) return;
    if (data.files && data.files.length) {
      e.preventDefault();
      host.check(data.files[0]);
      return;
    }
    const text = data.getData("text/plain");
    if (text) {
      e.preventDefault();
      checkText(text);
    }
  };

  input.addEventListener("change", () => {
    const f = input.files && input.files[0];
    if (f) host.check(f);
    input.value = "";
  });
  sample.addEventListener("click", () => checkSample());
  pasteCheck.addEventListener("click", () => checkText(textarea.value));

  const over = (on) => drop.classList.toggle("over", on);
  drop.addEventListener("dragenter", (e) => {
    e.preventDefault();
    over(true);
  });
  drop.addEventListener("dragover", (e) => {
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
    over(true);
  });
  drop.addEventListener("dragleave", (e) => {
    if (!drop.contains(e.relatedTarget)) over(false);
  });
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    over(false);
    const dt = e.dataTransfer;
    if (dt && dt.files && dt.files.length) host.check(dt.files[0]);
    else if (dt) checkText(dt.getData("text/plain"));
  });
  root.addEventListener("paste", onPaste);
}
