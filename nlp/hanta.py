"""HanTa's word analysis with the same results in a third to a half of the time.

HanTa (HanoverTagger.py) finds a word's tag probabilities and its morphemes with two dynamic
programmes over every segment of the word (`analyze_forward`, `analyze_viterbi`). Both call
`lp_m_t(segment, tag)` once per segment, tag and state: some 300 calls per letter of an unseen
word, about a third of the whole pipeline's time on new text. These replacements are the same
algorithms, step for step, with that function inlined, its per-tag constants looked up once,
one lookup per segment telling which tags know it as a morpheme (most segments are known to
none, and then only the 11 open classes that HanTa scores by a guess need looking at), and
what that guess needs (the segment's length and endings) worked out once per segment. The
arithmetic is done in the same order, so the floats (and therefore every tag and lemma) are
identical: `tests/test_hanta_speed.py` compares them with HanTa's own methods.
"""

from __future__ import annotations

import math
import types

from HanTa.HanoverTagger import EMPTY, END_UNKNOWN, START, UNKNOWN
from numpy import logaddexp

_LOWERBOUND = -1e6
_NEG_INF = -math.inf


def install(tagger) -> None:
    """Replace the tagger's two analysis methods by the faster ones (same results)."""
    guess = {
        t: (tagger.Int_t + tagger.LP_hapax_t[t], tagger.LP_len_t[t], tagger.LP_s_t[t])
        for t in tagger.LP_m_t
        if t in tagger.LP_hapax_t and t in tagger.LP_s_t
    }
    # Each follower with its transition score and, for the open classes, the parameters of
    # HanTa's guess for an unknown morpheme (the constant Int_t + hapax part is added in the
    # order HanTa adds it, so the sums are bit for bit the same).
    tagger._followers = {
        state: [(t, lpt, guess.get(t)) for t, lpt in followers]
        for state, followers in tagger.LP_trans_nonfinal.items()
    }
    # Most segments of a word are no known morpheme of any tag: one lookup per segment says
    # so, and then only the open classes (which HanTa scores by a guess) need looking at.
    morphemes: dict[str, dict[int, float]] = {}
    for t, known in tagger.LP_m_t.items():
        for m, lp in known.items():
            morphemes.setdefault(m, {})[t] = lp
    tagger._morphemes = morphemes
    by_state = {
        state: (followers, [f for f in followers if f[2] is not None])
        for state, followers in tagger._followers.items()
    }
    tagger._follow_all = lambda state: by_state.get(state, ((), ()))
    tagger.analyze_forward = types.MethodType(analyze_forward, tagger)
    tagger.analyze_viterbi = types.MethodType(analyze_viterbi, tagger)


def _segments(word: str, i: int, morphemes: dict) -> list:
    """For every segment of the word that starts at i: (its end, the tags that know it as a
    morpheme, what HanTa's guess for an unknown morpheme needs). The same for every state of a
    row, so worked out once per row. The guess (lp_m_t when not strict) scores a segment by
    its length and its longest known ending of 4 to 1 letters; it is impossible for segments
    of one or two letters in words of four or more."""
    wlen = len(word)
    out = []
    for j in range(i + 1, wlen + 1):
        m = word[i:j]
        mlen = j - i
        if wlen < 4 or mlen > 2:
            endings = [m[-k:] for k in (4, 3, 2, 1) if mlen > k]
            endings.append("")
            guess = (mlen if mlen < 24 else 24, endings, wlen == mlen)
        else:
            guess = None
        out.append((j, morphemes.get(m), guess))
    return out


def _fill(word: str, table: list, backpointer: list | None, follow, strict: bool, morphemes):
    """The morpheme lattice of both of HanTa's word analyses: from each row, every segment
    scored for every tag that may follow a state, keeping the best score (and, for the Viterbi
    path, where it came from). `follow(state)` is (its followers, those of them that HanTa
    scores by a guess when the segment is unknown)."""
    wlen = len(word)
    for i in range(wlen + 1):
        row = table[i]
        if len(row) > 3:
            rowbound = sorted(row.values(), reverse=True)[3] - 1
        else:
            rowbound = _LOWERBOUND
        segments = None
        for state, lp in row.items():
            if lp < rowbound:
                continue
            full, guessed = follow(state)
            if not full:
                continue
            if strict:
                guessed = ()
            if segments is None:
                segments = _segments(word, i, morphemes)
            prev_tag = state[1]
            for j, known, guess in segments:
                cell = table[j]
                for tag1, lpt, params in guessed if known is None else full:
                    lpm = None if known is None else known.get(tag1)
                    if lpm is None:
                        if strict or params is None or guess is None:
                            continue
                        # HanTa's guess, added up in its order (base + length + ending).
                        base, lp_len, lp_s = params
                        length, endings, whole = guess
                        for ending in endings:
                            lp_suf = lp_s.get(ending)
                            if lp_suf is not None:
                                break
                        else:
                            lp_suf = lp_s[""]
                        lpm = base + lp_len[length] + lp_suf
                        if whole:
                            lpm -= 4.6
                    lp1 = lp + lpt + lpm
                    if lp1 > _LOWERBOUND:
                        newstate = (prev_tag, tag1)
                        old = cell.get(newstate)
                        if old is None or lp1 > old:
                            cell[newstate] = lp1
                            if backpointer is not None:
                                backpointer[j][newstate] = (state, i)


def analyze_forward(self, word: str):
    """HanoverTagger.analyze_forward: the tag probabilities of a word."""
    table = [{(EMPTY, START): 0}] + [{} for _ in range(len(word) + 1)]
    _fill(word, table, None, self._follow_all, self.strict, self._morphemes)

    last = table[-1]
    trans_final = self.LP_trans_final
    for state, lp in table[-2].items():
        for tag1, lpt in trans_final.get(state, []):
            lp1 = lp + lpt
            if lp1 > _LOWERBOUND:
                newstate = (state[1], tag1)
                if newstate not in last or lp1 > last[newstate]:
                    last[newstate] = lp1

    results: dict = {}
    for state, lp in last.items():
        if lp == _NEG_INF:
            continue
        pos = -state[1]
        if pos in results:
            results[pos] = logaddexp(results[pos], lp)
        else:
            results[pos] = lp
    result_list = sorted(results.items(), key=lambda item: item[1], reverse=True)
    if not result_list:
        result_list = [(UNKNOWN, 0)]
    return result_list


def analyze_viterbi(self, word: str, targetpos: int):
    """HanoverTagger.analyze_viterbi: the best morpheme path of a word for a given tag."""
    wlen = len(word)
    reachable_t = self.reachability.get(targetpos, frozenset())
    all_followers = self._followers
    trans_final = self.LP_trans_final
    # The followers of each state that can still reach the target tag, filtered once per word.
    followers: dict = {}

    def follow(state):
        found = followers.get(state)
        if found is None:
            full = [f for f in all_followers.get(state, []) if f[0] in reachable_t]
            found = followers[state] = (full, [f for f in full if f[2] is not None])
        return found

    for localstrict in (True, False):
        table = [{(EMPTY, START): 0}] + [{} for _ in range(wlen + 1)]
        backpointer = [{} for _ in range(wlen + 2)]
        _fill(word, table, backpointer, follow, localstrict, self._morphemes)

        last = table[-1]
        for state, lp in table[-2].items():
            for tag1, lpt in trans_final.get(state, []):
                if tag1 == targetpos:
                    lp1 = lp + lpt
                    if lp1 > _LOWERBOUND:
                        newstate = (state[1], tag1)
                        if newstate not in last or lp1 > last[newstate]:
                            last[newstate] = lp1
                            backpointer[-1][newstate] = (state, wlen)
                    break
        if last:
            break

    pmax = _NEG_INF
    beststate = (EMPTY, EMPTY)
    for state, lp in table[-1].items():
        if lp > pmax:
            pmax = lp
            beststate = state

    i = len(backpointer) - 1
    if beststate == (EMPTY, EMPTY):
        states = [((UNKNOWN, END_UNKNOWN), i), ((START, UNKNOWN), i - 1)]
    else:
        states = [(beststate, i)]
        state = beststate
        while i > 0:
            state, i = backpointer[i][state]
            states.append((state, i))
        states = states[:-1]
    return [(state[1], i) for (state, i) in states[::-1]]
