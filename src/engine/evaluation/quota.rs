//! Awards by rank within each quota, from the top of the ladder: a unit not placed falls one
//! level, and a tie for the last places is played out one way of settling it at a time.

use super::outcome::{Detail, Outcome, Tie};
use super::plan::{step, Plan, Prepared, UState};

impl Plan<'_> {
    /// Not placed at `level`: considered one level down, or settled with no award.
    fn fall(&self, level: usize, st: &mut UState) {
        match (self.fall_through, self.ladder.get(level + 1)) {
            (Some(rule), Some(next)) => {
                st.steps.push(step(
                    rule,
                    Detail::FallThrough {
                        from: self.ladder[level].clone(),
                        to: next.clone(),
                    },
                ));
                st.ceiling = level + 1;
            }
            _ => st.settled = Some(Outcome::NoAward),
        }
    }

    /// One way of settling the ties: `choices[k]` picks the winners of the k-th tie met.
    /// Returns the states, the ties met and, for each, how many ways it could be settled.
    pub(super) fn allocate(
        &self,
        units: &[Prepared],
        start: &[UState],
        choices: &[usize],
    ) -> (Vec<UState>, Vec<Tie>, Vec<usize>) {
        let mut st: Vec<UState> = start.to_vec();
        let mut ties = Vec::new();
        let mut ways = Vec::new();
        for level in 0..self.ladder.len() {
            let award = &self.ladder[level];
            let quota = self.quotas[level];
            let mut cap = quota;
            let mut candidates = Vec::new();
            for (i, u) in units.iter().enumerate() {
                if st[i].settled.is_none()
                    && st[i].ceiling <= level
                    && self.eligible(u, level, &mut st[i])
                {
                    candidates.push(i);
                }
            }
            let mut g = 0;
            while g < candidates.len() {
                let score = units[candidates[g]].input.score;
                let end = candidates[g..]
                    .iter()
                    .position(|&i| units[i].input.score != score)
                    .map_or(candidates.len(), |p| g + p);
                let group = &candidates[g..end];
                g = end;
                if cap == 0 {
                    for &i in group {
                        st[i].steps.push(step(
                            self.quota_rule,
                            Detail::OutsideQuota {
                                award: award.clone(),
                                quota,
                                rank: units[i].rank,
                            },
                        ));
                        self.fall(level, &mut st[i]);
                    }
                    continue;
                }
                // A unit to be lowered is reached here: it takes no place at this level.
                let mut normal = Vec::new();
                for &i in group {
                    match st[i].lower_rule {
                        Some(r) => {
                            let rule = self.rules[r];
                            let to = self.ladder.get(level + 1).cloned();
                            st[i].steps.push(step(
                                rule,
                                Detail::Lowered {
                                    from: award.clone(),
                                    to: to.clone(),
                                },
                            ));
                            st[i].lower_rule = None;
                            st[i].ceiling = level + 1;
                            if to.is_none() {
                                st[i].settled = Some(Outcome::NoAward);
                            }
                        }
                        None => normal.push(i),
                    }
                }
                let winners: Vec<usize> = if normal.len() as u64 <= u64::from(cap) {
                    normal.clone()
                } else {
                    let combos = combinations(normal.len(), cap as usize);
                    let k = ties.len();
                    let pick = choices.get(k).copied().unwrap_or(0);
                    ways.push(combos.len());
                    let mut ids: Vec<String> =
                        normal.iter().map(|&i| units[i].input.id.clone()).collect();
                    ids.sort();
                    ties.push(Tie {
                        award: award.id.clone(),
                        score,
                        places: cap,
                        units: ids.clone(),
                    });
                    for &i in &normal {
                        st[i].steps.push(step(
                            self.quota_rule,
                            Detail::Tied {
                                award: award.clone(),
                                score,
                                places: cap,
                                units: ids.clone(),
                            },
                        ));
                        st[i].tied_with.extend(ids.iter().cloned());
                    }
                    combos[pick].iter().map(|&j| normal[j]).collect()
                };
                for &i in &normal {
                    if winners.contains(&i) {
                        st[i].steps.push(step(
                            self.quota_rule,
                            Detail::Placed {
                                award: award.clone(),
                                quota,
                                rank: units[i].rank,
                            },
                        ));
                        st[i].settled = Some(Outcome::Award {
                            award: award.id.clone(),
                        });
                    } else {
                        st[i].steps.push(step(
                            self.quota_rule,
                            Detail::OutsideQuota {
                                award: award.clone(),
                                quota,
                                rank: units[i].rank,
                            },
                        ));
                        self.fall(level, &mut st[i]);
                    }
                }
                cap -= winners.len() as u32;
            }
        }
        for s in &mut st {
            if s.settled.is_none() {
                s.settled = Some(Outcome::NoAward);
            }
        }
        (st, ties, ways)
    }
}

/// Every way of choosing `k` of `n` (indices), in lexicographic order.
fn combinations(n: usize, k: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut cur: Vec<usize> = (0..k).collect();
    if k > n {
        return out;
    }
    loop {
        out.push(cur.clone());
        let Some(i) = (0..k).rev().find(|&i| cur[i] < n - k + i) else {
            return out;
        };
        cur[i] += 1;
        for j in i + 1..k {
            cur[j] = cur[j - 1] + 1;
        }
    }
}
