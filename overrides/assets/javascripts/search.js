// Search that finds what readers type, from the site's own search index: no extra data, no
// request. Material's search finds a word when some word of the index begins with it (it
// appends `*` to every query word, which also turns off the stemmer). Before a query goes to
// Material's search worker, this file
// - leaves out little words ("in", "über") when there are others: they begin too many words;
// - takes one inflection ending off a word of six letters or more if the rest is a word of the
//   index ("Abzugs" -> "Abzug", "Stützpunkten" -> "Stützpunkt");
// - replaces a word of five letters or more that begins no word of the index by the closest
//   words of the index: one edit for five or six letters, two from seven, one for the beginning
//   of a longer word (an edit is a letter added, dropped, changed, or two swapped), also by sound
//   ("Chkalovsky" -> "Tschkalowski"); else splits a compound the index has in parts
//   ("Truppenabzug" -> "Truppen Abzug"). The results then offer "Meinten Sie …?" with the
//   corrected query as a link. A word that matches as typed is never corrected, so exact hits
//   keep their place.
// After the worker answers, the pages whose best section matches more of the words the reader
// typed come first, in the worker's order otherwise: the theme ranks by the sum of each word's
// weight, so a page with one of two words in a title-like field came before the page that has
// both. A word counts once, however many words it was sent as (its corrections, its parts),
// and a result names a word missing only when none of them matched.
//
// The worker shim in overrides/main.html loads this file once a reader starts to search and
// passes every message to and from the worker through `ask`, `arrived` and `answered`.
window.explainerSearch = (() => {
  const SETUP = 0, QUERY = 2, RESULT = 3          // Material's search message types
  const MIN_LENGTH = 5, MAX_CANDIDATES = 3, MIN_STEM = 4
  // Inflection endings per search language, longest first (German: Assads, Stützpunkten).
  const ENDINGS = {
    de: ["ern", "en", "er", "es", "em", "e", "n", "s"],
    en: ["ing", "es", "ed", "s"],
  }
  // Little words left out of a query with other words: the theme's `*` would make "in" or "über"
  // find every word that begins so ("Übergangsregierung") and push the words that matter down.
  const LITTLE = {
    de: "der die das den dem des ein eine einer eines einem einen und oder in im an am auf aus " +
        "bei mit nach von vom vor zu zum zur über unter für gegen um durch ist sind war wie was " +
        "wer wo nicht auch als",
    en: "the a an of in on at to for and or is are was by with from as",
  }
  let separator = /[\s\-]+/, endings = [], little = new Set()
  let tokens = []                                 // every word of the index as lunr has it, sorted
  let known = new Set()                           // the same, for a quick look-up
  const words = new Map()                         // clean lowercase word -> {form, count, key}
  const pending = []              // [query as typed, correction, word sent -> word typed] per query
  const corrections = new Map()                   // word -> its closest words, once worked out

  // Learn the index's words from the setup message Material sends to its worker.
  function learn({ config, docs }) {
    if (config && config.separator) separator = new RegExp(config.separator)
    const lang = config && config.lang && config.lang.length === 1 ? config.lang[0] : ""
    endings = ENDINGS[lang] || []
    little = new Set((LITTLE[lang] || "").split(" ").filter(Boolean))
    const seen = new Set()
    for (const doc of docs)
      for (const key of ["title", "text", "alias", "spelling", "tags"])
        for (const value of [].concat(doc[key] || []))
          for (const token of String(value).replace(/<[^>]*>/g, " ").split(separator)) {
            if (!token) continue
            const lower = token.toLowerCase()
            seen.add(lower)
            const clean = token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "")
            if (clean.length < 2 || /\d/.test(clean) || !lower.startsWith(clean.toLowerCase()))
              continue
            const entry = words.get(clean.toLowerCase())
            if (entry) entry.count++
            else words.set(clean.toLowerCase(), { form: clean, count: 1, key: sound(clean) })
          }
    tokens = [...seen].sort()
    known = seen
  }

  // Does some word of the index begin with this (lowercase) word? Binary search in the tokens.
  function matches(word) {
    let low = 0, high = tokens.length
    while (low < high) {
      const mid = (low + high) >> 1
      if (tokens[mid] < word) low = mid + 1
      else high = mid
    }
    return low < tokens.length && tokens[low].startsWith(word)
  }

  // Edit distance (adjacent swaps count as one) of word to the whole of other and to its
  // closest beginning: "aussenminster" is one edit from the beginning of "aussenministerium".
  // Three rows of the usual table, reused; null as soon as no cell can stay within limit.
  const rows = [new Uint8Array(64), new Uint8Array(64), new Uint8Array(64)]
  function distance(word, other, limit) {
    const m = word.length, n = Math.min(other.length, 62)
    let before = rows[0], previous = rows[1], row = rows[2]
    for (let j = 0; j <= n; j++) previous[j] = j
    for (let i = 1; i <= m; i++) {
      row[0] = i
      let best = i
      for (let j = 1; j <= n; j++) {
        const cost = word.charCodeAt(i - 1) === other.charCodeAt(j - 1) ? 0 : 1
        let d = previous[j - 1] + cost
        if (previous[j] + 1 < d) d = previous[j] + 1
        if (row[j - 1] + 1 < d) d = row[j - 1] + 1
        if (i > 1 && j > 1 && before[j - 2] + 1 < d && word[i - 1] === other[j - 2]
            && word[i - 2] === other[j - 1])
          d = before[j - 2] + 1
        row[j] = d
        if (d < best) best = d
      }
      if (best > limit) return null
      const spare = before
      before = previous
      previous = row
      row = spare
    }
    let prefix = Infinity, end = n
    for (let j = Math.max(1, m - limit); j <= n; j++)
      if (previous[j] < prefix || (previous[j] === prefix && Math.abs(j - m) < Math.abs(end - m)))
        { prefix = previous[j]; end = j }
    return { whole: previous[n], prefix, end }
  }

  // How a word of a name sounds, roughly, whatever the transliteration: German and English
  // spellings of Russian and Arabic names meet ("Tschkalowski", "Chkalovsky"; "Dmitrij",
  // "Dmitry"; "Michail", "Mikhail"), and so do umlauts and their base letters.
  const SOUNDS = [[/tsch/g, "c"], [/dsch/g, "j"], [/sch|sh/g, "s"], [/ch|kh/g, "x"],
                  [/zh/g, "j"], [/ck/g, "k"], [/ph/g, "f"], [/w/g, "v"], [/[yj]/g, "i"],
                  [/q/g, "k"], [/ou/g, "u"], [/ä/g, "a"], [/ö/g, "o"], [/ü/g, "u"], [/ß/g, "s"],
                  [/(.)\1+/g, "$1"]]
  function sound(word) {
    return SOUNDS.reduce((text, [from, to]) => text.replace(from, to), word.toLowerCase())
  }

  // The closest words of the index to a word that matches nothing, best first: by letters, or
  // by sound for a whole word.
  function closest(word) {
    const limit = word.length >= 7 ? 2 : 1, key = sound(word)
    const found = []
    for (const [lower, { form, count, key: other }] of words) {
      if (lower.length < word.length - limit && other.length < key.length - limit) continue
      const d = distance(word, lower, limit)
      const heard = Math.abs(other.length - key.length) <= limit && distance(key, other, limit)
      const byEar = heard && heard.whole <= limit ? heard.whole : Infinity
      if (!d && byEar === Infinity) continue
      const whole = !d || Math.min(d.whole, byEar) <= d.prefix
      const edits = whole ? Math.min(d ? d.whole : Infinity, byEar) : d.prefix
      if (edits > (whole ? limit : 1)) continue
      found.push({ edits, whole, count, text: whole ? form : form.slice(0, d.end) })
    }
    found.sort((a, b) => a.edits - b.edits || b.whole - a.whole || b.count - a.count)
    const best = found.length ? found[0].edits : 0
    return [...new Map(found.filter(c => c.edits === best)
      .map(c => [c.text.toLowerCase(), c.text])).values()].slice(0, MAX_CANDIDATES)
  }

  // The word without an inflection ending, if the rest is a word of the index ("putins" ->
  // "putin"); "militaer" stays, "milita" is no word.
  function stemmed(word) {
    if ([...word].length <= MIN_LENGTH) return word
    for (const ending of endings)
      if (word.endsWith(ending) && [...word].length - ending.length >= MIN_STEM
          && known.has(word.slice(0, -ending.length)))
        return word.slice(0, -ending.length)
    return word
  }

  // A compound the index has only in parts: "Truppenabzug" -> "Truppen Abzug" (the longest
  // first part that is a word of the index, the rest beginning one); [] if there is none.
  function split(word) {
    for (let i = word.length - MIN_STEM; i >= MIN_STEM; i--) {
      const [head, rest] = [word.slice(0, i), word.slice(i)]
      if (known.has(head) && matches(rest))
        return [[head, rest].map(part => (words.get(part) || { form: part }).form).join(" ")]
    }
    return []
  }

  // The query to send, what to offer the reader instead, and for each word sent (in lower case,
  // as the theme's results name them) the word typed it stands for, for a query as typed.
  function correct(query) {
    let send = query, offer = query, changed = false
    const typed = new Map()
    const stand = (sent, word) => {
      for (const token of sent.toLowerCase().split(separator))
        if (token && !typed.has(token)) typed.set(token, word.toLowerCase())
    }
    const parts = query.split(/\s+/).filter(Boolean)
    const dropped = parts.some(part => !little.has(part.toLowerCase())) ? little : new Set()
    for (const part of parts) {
      if (dropped.has(part.toLowerCase())) {
        send = send.replace(new RegExp(`(^|\\s)${part}(?=\\s|$)`), "$1")
        continue
      }
      if (/["+\-~^*:]/.test(part.replace(/(?<=\p{L})-(?=\p{L})/gu, ""))) continue
      let sendPart = part, offerPart = part
      for (const word of part.split(separator)) {
        const lower = word.toLowerCase()
        if ([...lower].length < MIN_LENGTH || /\d/.test(lower)) {
          stand(lower, word)
          continue
        }
        // a word of the index, or one with an ending the index lacks: "Moskaus" -> "Moskau"
        if (matches(lower) || stemmed(lower) !== lower) {
          sendPart = sendPart.replace(word, stemmed(lower))
          stand(stemmed(lower), word)
          continue
        }
        if (!corrections.has(lower)) {
          const near = closest(lower)
          corrections.set(lower, near.length ? near : split(lower))
        }
        const candidates = corrections.get(lower)
        stand(candidates.length ? candidates.join(" ") : lower, word)
        if (!candidates.length) continue
        sendPart = sendPart.replace(word, candidates.join(" "))
        offerPart = offerPart.replace(word, candidates[0])
        changed = true
      }
      send = send.replace(part, sendPart)
      offer = offer.replace(part, offerPart)
    }
    return { send: send.trim().replace(/\s+/g, " ") || query, offer: changed ? offer : null,
             typed }
  }

  // One result's `terms` (each word sent: true where it matched) by the words typed: a word
  // whose corrections or parts matched is not named missing for the others ("Tartos" sent as
  // "Tartus Tartous Tartūs": a section with "Tartus" showed "Fehlt: tartūs"), and a word none of
  // them matched is named once. The words that matched stay, for the theme's highlighting.
  function byWordTyped(terms, typed) {
    const wordOf = term => typed.has(term) ? typed.get(term) : term
    const found = new Set(Object.keys(terms).filter(term => terms[term]).map(wordOf))
    const named = new Set(), kept = {}
    for (const [term, hit] of Object.entries(terms))
      if (hit) kept[term] = true
      else if (!found.has(wordOf(term)) && !named.has(wordOf(term))) {
        kept[term] = false
        named.add(wordOf(term))
      }
    return { terms: kept, found: found.size }
  }

  // The theme's answer by the words typed: each result's terms, and the pages whose best result
  // matches most of the words typed first; pages that match as many keep the theme's order
  // (Array.prototype.sort is stable).
  function ranked(items, typed) {
    const best = new Map()                        // a page's results -> most words one matches
    const groups = items.map(group => {
      let most = 0
      const results = group.map(item => {
        const { terms, found } = byWordTyped(item.terms || {}, typed)
        most = Math.max(most, found)
        return { ...item, terms }
      })
      best.set(results, most)
      return results
    })
    return groups.sort((a, b) => best.get(b) - best.get(a))
  }

  // Show "Meinten Sie …?" above the results, or nothing; a click searches for the suggestion.
  function suggest(offer) {
    const result = document.querySelector("[data-md-component=search-result]")
    if (!result) return
    let box = result.querySelector(".md-search-result__suggestion")
    if (!offer) {
      if (box) box.hidden = true
      return
    }
    if (!box) {
      box = document.createElement("div")
      box.className = "md-search-result__meta md-search-result__suggestion"
      result.firstElementChild.after(box)
    }
    const [before, after] = (result.dataset.didYouMean || "Did you mean {suggestion}?")
      .split("{suggestion}")
    const link = document.createElement("a")
    link.href = `?q=${encodeURIComponent(offer)}`
    link.textContent = offer
    link.addEventListener("click", event => {
      event.preventDefault()
      event.stopPropagation()  // the theme closes search on any click on a link in it
      const input = document.querySelector("input[data-md-component=search-query]")
      input.value = offer
      input.focus()
      input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }))
    })
    box.replaceChildren(before, link, after || "")
    box.hidden = false
  }

  return {
    // A message on its way to the worker: learn from the index, correct a query.
    ask(message) {
      if (message && message.type === SETUP) learn(message.data)
      if (!message || message.type !== QUERY) return message
      const { send, offer, typed } = correct(message.data)
      pending.push([message.data, offer, typed])
      return { ...message, data: send }
    },
    // An answer on its way to the theme: its pages in the order of the words typed they match.
    arrived(message) {
      if (!message || message.type !== RESULT || !pending.length || !message.data
          || !Array.isArray(message.data.items))
        return message
      return { ...message, data: { ...message.data, items: ranked(message.data.items,
                                                               pending[0][2]) } }
    },
    // An answer Material has shown: add the suggestion, and say which query the list answers.
    answered(message) {
      if (!message || message.type !== RESULT || !pending.length) return
      const [query, offer] = pending.shift()
      suggest(offer)
      const result = document.querySelector("[data-md-component=search-result]")
      if (result) result.dataset.answered = query
    },
  }
})()
