/* Answer keys without answers in the page: a response is right when the salted SHA-256 of its normal
 * form is one of the question's `keys` (player/answer_keys.py writes them). The correct answer itself,
 * needed to show it after submitting and for the LMS's correct_responses, travels in `reveal`, XOR-ed
 * with a stream derived from the question's salt; it is decoded only for a question already answered.
 * Limits, said plainly: this keeps answers out of the page source and casual searching; a determined
 * learner can still run this code (or try every option of a choice question). The LMS records count. */
(function (STCE) {
  "use strict";

  var K = [0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2];

  /* SHA-256 (FIPS 180-4) of a byte array; synchronous, because scoring is (crypto.subtle is not). */
  function sha256(bytes) {
    var length = bytes.length, padded = new Uint8Array(((length + 9 + 63) >> 6) << 6);
    padded.set(bytes);
    padded[length] = 0x80;
    var view = new DataView(padded.buffer);
    view.setUint32(padded.length - 8, Math.floor(length / 0x20000000));
    view.setUint32(padded.length - 4, (length << 3) >>> 0);
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    var w = new Array(64);
    function rotr(x, n) { return (x >>> n) | (x << (32 - n)); }
    for (var offset = 0; offset < padded.length; offset += 64) {
      for (var t = 0; t < 64; t++) {
        if (t < 16) { w[t] = view.getUint32(offset + t * 4); continue; }
        var s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >>> 3);
        var s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >>> 10);
        w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (t = 0; t < 64; t++) {
        var t1 = (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t]) | 0;
        var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h = [h[0] + a, h[1] + b, h[2] + c, h[3] + d, h[4] + e, h[5] + f, h[6] + g, h[7] + k].map(function (x) { return x | 0; });
    }
    var out = new Uint8Array(32), outView = new DataView(out.buffer);
    h.forEach(function (x, i) { outView.setUint32(i * 4, x >>> 0); });
    return out;
  }

  function utf8(text) { return new TextEncoder().encode(text); }
  function hex(bytes) {
    return Array.prototype.map.call(bytes, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }

  /* Typed text as graded: Unicode NFC, trimmed, inner spaces as one, lower case unless it matters. */
  function normalise(text, caseSensitive) {
    text = String(text).normalize("NFC").trim().replace(/\s+/g, " ");
    return caseSensitive ? text : text.toLowerCase();
  }

  /* The response's normal form, in the author's ids: the same text player/answer_keys.py hashes. */
  function canonical(q, r) {
    switch (q.type) {
      case "single_choice": return q.choices[r];
      case "true_false": return String(r);
      case "fill_in": return normalise(r, q.caseSensitive);
      case "numeric": { var n = STCE.questions.parseNumber(r); return n === null ? null : String(n); }
      case "matching":
        return r.map(function (t, i) { return q.pairs[i] + "=" + (t === null ? "" : q.pairs[t]); }).join(",");
      case "sequencing": return r.map(function (i) { return i === null ? "" : q.items[i]; }).join(",");
      case "document_inspection": return r.map(function (i) { return q.entries[i]; }).sort().join(",");
    }
    /* multiple_response, and any type whose response is a set of choices */
    return [].concat(r).map(function (i) { return q.choices[i]; }).sort().join(",");
  }

  function digest(q, text) { return hex(sha256(utf8(q.salt + ":" + text))).slice(0, 32); }

  /* What the author wrote as the answer: {correct: [...]} (choices as indexes, or a flag),
   * {accepted: [...]}, or {min, max}; matching and sequencing need none (their key is the author's order). */
  function reveal(q) {
    if (!q.reveal) return {};
    var data = Uint8Array.from(atob(q.reveal), function (c) { return c.charCodeAt(0); });
    var stream = new Uint8Array(0);
    for (var block = 0; stream.length < data.length; block++) {
      var next = new Uint8Array(stream.length + 32);
      next.set(stream);
      next.set(sha256(utf8(q.salt + ":reveal:" + block)), stream.length);
      stream = next;
    }
    return JSON.parse(new TextDecoder().decode(data.map(function (b, i) { return b ^ stream[i]; })));
  }

  function matches(q, r) {
    if (r === null || r === undefined) return false;
    if (q.type === "numeric" && q.range) {  /* a range cannot be hashed: its bounds travel in `reveal` */
      var n = STCE.questions.parseNumber(r), bounds = reveal(q);
      return n !== null && n >= bounds.min && n <= bounds.max;
    }
    var text = canonical(q, r);
    return text !== null && q.keys.indexOf(digest(q, text)) >= 0;
  }

  STCE.keys = { sha256: sha256, hex: hex, utf8: utf8, canonical: canonical, matches: matches, reveal: reveal };
})(window.STCE = window.STCE || {});
