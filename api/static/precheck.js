// The pre-check page: talks to the /v1 API of the server that served it (same origin),
// and builds every piece of text with textContent so nothing from a report or a file
// name is ever parsed as HTML.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const OPEN = document.body.dataset.open === "1";
  const KEY_STORE = "dossier-precheck-key";
  const POLL_MS = 1000;

  const STATUS = { queued: "排队中", running: "核查中", done: "已完成", failed: "失败" };
  const VERDICT = {
    ready: "未发现必须补正的问题",
    needs_fixes: "需要补正",
    unreadable: "材料无法读取",
  };
  // What the enterprise has to do about each kind of finding; the finding's own message
  // says what exactly is wrong.
  const ACTION = {
    MISSING_FIELD: "填写缺少的内容",
    OPTION_NOT_SELECTED: "勾选应选的选项",
    OPTION_CONFLICT: "只保留一个正确的选项",
    MISSING_ATTACHMENT: "补充缺少的附件",
    WORD_LIMIT_EXCEEDED: "将文字压缩到字数上限以内",
    WORD_COUNT_BELOW_MINIMUM: "补充文字，达到最低字数",
    INCONSISTENT_VALUE: "统一各份材料中的这项数据",
    INVALID_IDENTIFIER: "更正编号（如统一社会信用代码）",
    DOCUMENT_EXPIRED: "换成有效期内的证明文件",
    DATE_OUT_OF_RANGE: "更正日期，或换成规定时间范围内的材料",
    ELIGIBILITY_FAILED: "核对是否符合申报条件",
    UNREADABLE_FILE: "重新提供能正常打开的文件",
    LOW_OCR_CONFIDENCE: "重新扫描，提供更清晰的文件",
    MISSING_EVIDENCE: "补充相应的佐证材料",
    MISSING_SIGNATURE: "补充签字",
    MISSING_SEAL: "加盖公章",
    CALCULATION_MISMATCH: "核对并更正计算结果",
    INVALID_UNIT: "更正计量单位",
    VALUE_OUT_OF_RANGE: "核对并更正数值",
    MULTIPLE_PRODUCTS: "每份申报只填报一个产品",
    COUNT_BELOW_MINIMUM: "补充到规定的最低数量",
    FORM_NOT_RECOGNISED: "使用规定的申报书模板填写",
    EMBEDDED_SEAL: "提供盖章后的扫描件，或备好电子印章的核验材料",
    EMBEDDED_SIGNATURE: "提供签字后的扫描件",
    CHECK_FAILED: "请联系主管部门人工核查",
    INVALID_VALUE: "更正为有效的数值或日期",
    RESOURCE_LIMIT: "精简材料（减少页数或压缩图片）后重新提交",
  };
  const SEVERITY_TITLE = { error: "必须补正的问题", warning: "需要核实的问题" };

  let chosen = []; // {file: File, path: string}
  let programmes = [];

  // ------------------------------------------------------------------ key and requests

  function storedKey() {
    try { return localStorage.getItem(KEY_STORE) || ""; } catch (e) { return ""; }
  }

  function authHeaders() {
    // The marker header lets the server accept the page without a key in open mode; a
    // page on another site cannot send it without a CORS pre-flight, which is refused.
    const h = { "X-Dossier-Client": "precheck" };
    const key = storedKey();
    if (key) h["X-API-Key"] = key;
    return h;
  }

  function errorOf(status, body) {
    const message = body && body.error && body.error.message
      ? body.error.message : "服务返回错误（HTTP " + status + "）";
    const err = new Error(message);
    err.status = status;
    return err;
  }

  async function api(path) {
    let r;
    try {
      r = await fetch(path, { headers: authHeaders(), cache: "no-store" });
    } catch (e) {
      throw new Error("无法连接核查服务，请检查网络后重试");
    }
    let body = null;
    try { body = await r.json(); } catch (e) { body = null; }
    if (!r.ok) throw errorOf(r.status, body);
    return body;
  }

  function showKeyState() {
    const key = storedKey();
    $("open-hint").hidden = !OPEN;
    $("max-per-hour").textContent = document.body.dataset.maxPerHour || "";
    $("key-hint").hidden = OPEN;
    $("key-status").textContent = key ? "已保存密钥（" + key.slice(0, 6) + "…）"
      : (OPEN ? "未填写密钥，以免密钥方式使用" : "尚未输入密钥");
  }

  async function loadProgrammes() {
    const select = $("program");
    try {
      programmes = await api("/v1/programs");
    } catch (e) {
      programmes = [];
      select.replaceChildren();
      $("key-status").textContent = e.status === 401
        ? (storedKey() ? "访问密钥无效，请重新输入" : "请先输入访问密钥") : e.message;
      $("key-status").classList.add("error");
      updateSubmit();
      return;
    }
    $("key-status").classList.remove("error");
    const previous = select.value;
    select.replaceChildren(...programmes.map((p) => {
      const o = document.createElement("option");
      o.value = p.id;
      o.textContent = p.title + (p.year ? "（" + p.year + "）" : "") + " · " + p.id;
      return o;
    }));
    if (previous && programmes.some((p) => p.id === previous)) select.value = previous;
    updateSubmit();
  }

  // ------------------------------------------------------------------ choosing files

  function addFiles(list) {
    for (const item of list) {
      if (!chosen.some((c) => c.path === item.path)) chosen.push(item);
    }
    renderFiles();
  }

  function renderFiles() {
    const total = chosen.reduce((n, c) => n + c.file.size, 0);
    $("file-summary").textContent = chosen.length
      ? "已选择 " + chosen.length + " 个文件，共 " + formatBytes(total) : "";
    $("file-list").replaceChildren(...chosen.slice(0, 200).map((c) => {
      const li = document.createElement("li");
      li.textContent = c.path + "（" + formatBytes(c.file.size) + "）";
      return li;
    }));
    updateSubmit();
  }

  function formatBytes(n) {
    if (n < 1024) return n + " 字节";
    if (n < 1024 * 1024) return (n / 1024).toFixed(1) + " KB";
    return (n / 1024 / 1024).toFixed(1) + " MB";
  }

  function readEntry(entry) {
    // Drag and drop of a folder gives directory entries; read them down to the files.
    return new Promise((resolve) => {
      if (entry.isFile) {
        entry.file((f) => resolve([{ file: f, path: entry.fullPath.replace(/^\/+/, "") }]),
          () => resolve([]));
        return;
      }
      const reader = entry.createReader();
      const all = [];
      const next = () => reader.readEntries(async (entries) => {
        if (!entries.length) {
          const nested = await Promise.all(all.map(readEntry));
          resolve(nested.flat());
          return;
        }
        all.push(...entries);
        next();
      }, () => resolve([]));
      next();
    });
  }

  async function onDrop(ev) {
    ev.preventDefault();
    $("drop-zone").classList.remove("over");
    const items = ev.dataTransfer.items;
    const entries = [];
    if (items) {
      for (const it of items) {
        const e = it.webkitGetAsEntry ? it.webkitGetAsEntry() : null;
        if (e) entries.push(e);
      }
    }
    if (entries.length) {
      const lists = await Promise.all(entries.map(readEntry));
      addFiles(lists.flat());
    } else {
      addFiles(Array.from(ev.dataTransfer.files).map((f) => ({ file: f, path: f.name })));
    }
  }

  // ------------------------------------------------------------------ submitting

  function updateSubmit() {
    $("submit").disabled = !(chosen.length && programmes.length && $("as-of").value);
  }

  function uploadForm() {
    // A folder arrives as "folder/…" for every file: the folder becomes the dossier's
    // name (as `dossier check folder` would name it) and the paths lose that prefix.
    let name = $("dossier-name").value.trim();
    let files = chosen.map((c) => ({ file: c.file, path: c.path }));
    const tops = new Set(files.map((c) => c.path.includes("/") ? c.path.split("/")[0] : ""));
    if (tops.size === 1 && !tops.has("")) {
      const top = [...tops][0];
      if (!name) name = top;
      files = files.map((c) => ({ file: c.file, path: c.path.slice(top.length + 1) }));
    }
    const fd = new FormData();
    fd.append("program", $("program").value);
    fd.append("as_of", $("as-of").value);
    if (name) fd.append("name", name);
    for (const c of files) fd.append("files", c.file, c.path);
    return fd;
  }

  function setError(text) {
    $("error").textContent = text || "";
  }

  function submit() {
    setError("");
    $("result-section").hidden = true;
    $("progress-section").hidden = false;
    $("submit").disabled = true;
    $("upload-progress").value = 0;
    $("check-progress").value = 0;
    $("upload-text").textContent = "准备上传…";
    $("check-text").textContent = "";
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/v1/checks");
    const headers = authHeaders();
    for (const k of Object.keys(headers)) xhr.setRequestHeader(k, headers[k]);
    xhr.upload.addEventListener("progress", (e) => {
      if (!e.lengthComputable) return;
      const pct = Math.round(e.loaded / e.total * 100);
      $("upload-progress").value = pct;
      $("upload-text").textContent = "已上传 " + formatBytes(e.loaded) + " / " + formatBytes(e.total) +
        "（" + pct + "%）";
    });
    xhr.addEventListener("load", () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
      if (xhr.status !== 202 || !body) {
        // The server's message already says how long to wait after a 429.
        setError("提交失败：" + errorOf(xhr.status, body).message);
        $("upload-text").textContent = "未提交";
        updateSubmit();
        return;
      }
      $("upload-progress").value = 100;
      $("upload-text").textContent = "上传完成";
      poll(body.id);
    });
    xhr.addEventListener("error", () => {
      setError("上传失败：无法连接核查服务，请检查网络后重试");
      updateSubmit();
    });
    xhr.send(uploadForm());
  }

  async function poll(id) {
    let job;
    try {
      job = await api("/v1/checks/" + encodeURIComponent(id));
    } catch (e) {
      setError("查询进度失败：" + e.message);
      updateSubmit();
      return;
    }
    const p = job.progress || {};
    const bar = $("check-progress");
    if (p.docs_total) {
      bar.value = Math.round((p.docs_done || 0) / p.docs_total * 100);
    } else if (job.status === "done") {
      bar.value = 100;
    }
    let text = STATUS[job.status] || job.status;
    if (job.status === "running" || job.status === "done") {
      text += "：已读取 " + (p.docs_done || 0) + " / " + (p.docs_total == null ? "?" : p.docs_total) +
        " 个文件，已识别 " + (p.pages_done || 0) + " 页";
    }
    $("check-text").textContent = text;
    if (job.status === "done") {
      bar.value = 100;
      await showResult(job);
      updateSubmit();
    } else if (job.status === "failed") {
      setError("核查失败：" + (job.error || "原因未知"));
      updateSubmit();
    } else {
      setTimeout(() => poll(id), POLL_MS);
    }
  }

  // ------------------------------------------------------------------ results

  async function showResult(job) {
    const report = job.report;
    const s = report.summary;
    $("summary").textContent = "结论：" + (VERDICT[s.verdict] || s.verdict) + "。错误 " + s.errors +
      " 项，警告 " + s.warnings + " 项，提示 " + s.infos + " 项。";
    renderFixList(report, job);
    $("result-section").hidden = false;
    showTab("review");
    $("result-section").scrollIntoView();
    try {
      const link = await api("/v1/checks/" + encodeURIComponent(job.id) + "/report-link");
      $("review-frame").src = link.url;
      $("review-link").href = link.url;
    } catch (e) {
      setError("无法打开审阅页：" + e.message);
    }
  }

  function showTab(which) {
    const list = which === "list";
    $("list-view").hidden = !list;
    $("review-frame").hidden = list;
    $("show-list").classList.toggle("active", list);
    $("show-review").classList.toggle("active", !list);
  }

  function formatValue(v) {
    if (v === null || v === undefined || v === "") return "";
    if (Array.isArray(v)) return v.map(formatValue).join("、");
    if (typeof v === "object") {
      // Per-source values ({申报书: 3000}): "申报书为 3000".
      return Object.keys(v).map((k) => k + "为 " + formatValue(v[k])).join("，");
    }
    return String(v);
  }

  function where(locations) {
    return locations.map((l) => l.path + (l.page ? " 第 " + l.page + " 页" : "")).join("；");
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // Errors, then warnings; within each, by file in the dossier's order (a finding seen
  // in several files goes under the first), then page, then the report's own order.
  // Findings tied to no file come last: they concern the dossier as a whole.
  function orderedFixes(report) {
    const order = new Map(report.documents.map((d, i) => [d.path, i]));
    const rank = (loc) => [order.has(loc.path) ? order.get(loc.path) : order.size, loc.path, loc.page || 0];
    const cmp = (a, b) => {
      for (let i = 0; i < a.length; i++) {
        if (a[i] < b[i]) return -1;
        if (a[i] > b[i]) return 1;
      }
      return 0;
    };
    const sev = { error: 0, warning: 1 };
    return report.findings
      .map((f, i) => {
        const locs = (f.locations || []).slice().sort((a, b) => cmp(rank(a), rank(b)));
        const key = locs.length ? rank(locs[0]) : [Infinity, "", 0];
        return { f: f, i: i, locs: locs, key: key, file: locs.length ? locs[0].path : null };
      })
      .filter((x) => x.f.severity in sev)
      .sort((a, b) => (sev[a.f.severity] - sev[b.f.severity]) || cmp(a.key, b.key) || (a.i - b.i));
  }

  function renderFixList(report, job) {
    const root = $("fix-list");
    const fixes = orderedFixes(report);
    const head = el("div", "list-head");
    head.append(el("h2", null, "申报材料补正清单"));
    const programme = programmes.find((p) => p.id === report.program);
    head.append(el("p", null, "材料：" + report.dossier + "　申报项目：" +
      (programme ? programme.title : report.program) + "　核查日期：" + report.as_of));
    head.append(el("p", "muted", "任务编号：" + job.id + "　生成时间：" + new Date().toLocaleString("zh-CN")));
    const nodes = [head];
    if (!fixes.length) {
      nodes.push(el("p", "ok", "未发现需要补正或核实的问题。"));
    }
    let n = 0;
    for (const severity of ["error", "warning"]) {
      const group = fixes.filter((x) => x.f.severity === severity);
      if (!group.length) continue;
      const section = el("section", "fix-group sev-" + severity);
      section.append(el("h3", null, (severity === "error" ? "一、" : "二、") + SEVERITY_TITLE[severity] +
        "（" + group.length + " 项）"));
      let file;
      let ol = null;
      for (const x of group) {
        if (ol === null || x.file !== file) {
          file = x.file;
          section.append(el("h4", "fix-file", file === null ? "整份材料" : "文件：" + file));
          ol = el("ol", "fixes");
          ol.start = n + 1;
          section.append(ol);
        }
        n += 1;
        const li = el("li", "fix-item");
        li.dataset.code = x.f.code;
        li.dataset.severity = x.f.severity;
        li.append(line(severity === "error" ? "需补正：" : "需核实：", ACTION[x.f.code] || "按说明核对并修改",
          "what"));
        li.append(el("div", "message", x.f.message));
        li.append(line("位置：", x.locs.length ? where(x.locs) : "整份材料（未对应到具体文件）", "where"));
        const expected = formatValue(x.f.expected);
        const actual = formatValue(x.f.actual);
        if (expected || actual) {
          li.append(line("原因：", (expected ? "期望 " + expected : "") + (expected && actual ? "；" : "") +
            (actual ? "实际 " + actual : ""), "why"));
        }
        ol.append(li);
      }
      nodes.push(section);
    }
    root.replaceChildren(...nodes);
  }

  function line(label, text, cls) {
    const d = el("div", cls);
    d.append(el("strong", null, label), document.createTextNode(text));
    return d;
  }

  // ------------------------------------------------------------------ wiring

  function today() {
    const d = new Date();
    const pad = (x) => String(x).padStart(2, "0");
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  $("key-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const key = $("key-input").value.trim();
    try {
      if (key) localStorage.setItem(KEY_STORE, key);
    } catch (e) {
      $("key-status").textContent = "浏览器不允许保存密钥";
      return;
    }
    $("key-input").value = "";
    showKeyState();
    loadProgrammes();
  });
  $("key-clear").addEventListener("click", () => {
    try { localStorage.removeItem(KEY_STORE); } catch (e) { /* nothing stored */ }
    showKeyState();
    loadProgrammes();
  });
  $("file-input").addEventListener("change", (ev) => {
    addFiles(Array.from(ev.target.files).map((f) => ({ file: f, path: f.name })));
    ev.target.value = "";
  });
  $("folder-input").addEventListener("change", (ev) => {
    addFiles(Array.from(ev.target.files).map((f) => ({ file: f, path: f.webkitRelativePath || f.name })));
    ev.target.value = "";
  });
  $("clear-files").addEventListener("click", () => { chosen = []; renderFiles(); });
  const zone = $("drop-zone");
  zone.addEventListener("dragover", (ev) => { ev.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", onDrop);
  $("as-of").addEventListener("change", updateSubmit);
  $("as-of").addEventListener("input", updateSubmit);
  $("submit").addEventListener("click", submit);
  $("show-list").addEventListener("click", () => showTab("list"));
  $("show-review").addEventListener("click", () => showTab("review"));
  $("print-list").addEventListener("click", () => { showTab("list"); window.print(); });
  window.addEventListener("beforeprint", () => {
    if (!$("result-section").hidden) showTab("list");
  });

  $("as-of").value = today();
  showKeyState();
  if (storedKey() || OPEN) loadProgrammes();
})();
