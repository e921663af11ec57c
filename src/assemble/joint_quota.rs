//! Joint quota check: can the domain quotas and the outcome quotas be met at the same time?
//!
//! Each item counts in one domain bucket and one outcome bucket, so a form is a flow: from
//! each domain bucket (its target), through the (domain, outcome) cells (at most what each
//! cell can give), into each outcome bucket (its target). The quotas can be met together only
//! if the maximum flow reaches the form length. When it does not, the minimum cut names the
//! quotas that clash, e.g. `outcome "O1" needs 13 item(s), but domain "NET" takes only 12 and
//! the other domains can give at most 0 of their items`. Like the other capacity checks this is
//! necessary, not sufficient: enemies and sets are left to the solver.

use std::collections::VecDeque;

use super::bank::{Bank, Dimension};
use super::capacity::Capacity;
use super::Shortfall;

/// A small flow network with integer capacities (adjacency by edge lists).
struct Network {
    to: Vec<usize>,
    cap: Vec<usize>,
    adj: Vec<Vec<usize>>,
}

impl Network {
    fn new(nodes: usize) -> Network {
        Network {
            to: Vec::new(),
            cap: Vec::new(),
            adj: vec![Vec::new(); nodes],
        }
    }

    fn edge(&mut self, a: usize, b: usize, cap: usize) {
        self.adj[a].push(self.to.len());
        self.to.push(b);
        self.cap.push(cap);
        self.adj[b].push(self.to.len());
        self.to.push(a);
        self.cap.push(0);
    }

    /// Edmonds–Karp: augment along shortest paths until none is left. Returns the flow.
    fn max_flow(&mut self, s: usize, t: usize) -> usize {
        let mut flow = 0;
        loop {
            let Some(parent) = self.search(s) else {
                return flow;
            };
            if parent[t].is_none() {
                return flow;
            }
            let mut push = usize::MAX;
            let mut v = t;
            while let Some(e) = parent[v] {
                push = push.min(self.cap[e]);
                v = self.to[e ^ 1];
            }
            let mut v = t;
            while let Some(e) = parent[v] {
                self.cap[e] -= push;
                self.cap[e ^ 1] += push;
                v = self.to[e ^ 1];
            }
            flow += push;
        }
    }

    /// Breadth-first search over edges with residual capacity: the edge used to reach each
    /// node (None for the start and unreached nodes).
    fn search(&self, s: usize) -> Option<Vec<Option<usize>>> {
        let mut parent: Vec<Option<usize>> = vec![None; self.adj.len()];
        let mut seen = vec![false; self.adj.len()];
        *seen.get_mut(s)? = true;
        let mut queue = VecDeque::from([s]);
        while let Some(v) = queue.pop_front() {
            for &e in &self.adj[v] {
                let w = self.to[e];
                if self.cap[e] > 0 && !seen[w] {
                    seen[w] = true;
                    parent[w] = Some(e);
                    queue.push_back(w);
                }
            }
        }
        Some(parent)
    }

    /// Nodes reachable from `s` in the residual network (the source side of a minimum cut).
    fn reachable(&self, s: usize) -> Vec<bool> {
        let mut seen = vec![false; self.adj.len()];
        if let Some(x) = seen.get_mut(s) {
            *x = true;
        }
        let mut stack = vec![s];
        while let Some(v) = stack.pop() {
            for &e in &self.adj[v] {
                let w = self.to[e];
                if self.cap[e] > 0 && !seen[w] {
                    seen[w] = true;
                    stack.push(w);
                }
            }
        }
        seen
    }
}

/// The clash between domain and outcome quotas, if they cannot be met together.
pub(crate) fn joint_shortfall(bank: &Bank, cap: &Capacity) -> Option<Shortfall> {
    let nd = bank.domain_buckets as usize;
    let no = bank.outcome_buckets();
    // Nodes: source, domain buckets, outcome buckets, sink.
    let (s, t) = (0, 1 + nd + no);
    let mut net = Network::new(t + 1);
    for d in 0..nd {
        net.edge(s, 1 + d, bank.buckets[d].target);
    }
    for c in 0..bank.cells() {
        let (d, o) = bank.cell_buckets(c);
        let available = cap.cells.get(c).copied().unwrap_or(0);
        if available > 0 {
            net.edge(1 + d as usize, 1 + o as usize, available);
        }
    }
    for o in 0..no {
        net.edge(1 + nd + o, t, bank.buckets[nd + o].target);
    }
    let flow = net.max_flow(s, t);
    if flow >= bank.length {
        return None;
    }
    let side = net.reachable(s);
    let d_in: Vec<usize> = (0..nd).filter(|&d| side[1 + d]).collect();
    let d_out: Vec<usize> = (0..nd).filter(|&d| !side[1 + d]).collect();
    let o_in: Vec<usize> = (nd..nd + no).filter(|&o| side[1 + o]).collect();
    let o_out: Vec<usize> = (nd..nd + no).filter(|&o| !side[1 + o]).collect();
    let target = |b: &[usize]| -> usize { b.iter().map(|&k| bank.buckets[k].target).sum() };
    // What the cells from domains `ds` to outcomes `os` can give.
    let cells = |ds: &[usize], os: &[usize]| -> usize {
        let mut member = vec![false; bank.buckets.len()];
        for &b in ds.iter().chain(os) {
            member[b] = true;
        }
        (0..bank.cells())
            .filter(|&c| {
                let (d, o) = bank.cell_buckets(c);
                member[d as usize] && member[o as usize]
            })
            .map(|c| cap.cells.get(c).copied().unwrap_or(0))
            .sum()
    };
    let labels = |b: &[usize]| -> String {
        b.iter()
            .map(|&k| bank.buckets[k].label())
            .collect::<Vec<_>>()
            .join(", ")
    };
    // Read the cut from whichever side reads better: fewer "without a quota" buckets, then
    // fewer buckets named.
    let free = |b: &[usize]| {
        b.iter()
            .filter(|&&k| bank.buckets[k].quota.is_none())
            .count()
    };
    let domain_side = (free(&d_in) + free(&o_in), d_in.len() + o_in.len());
    let outcome_side = (free(&d_out) + free(&o_out), d_out.len() + o_out.len());
    let (rule_buckets, message, needed, available) =
        if !d_in.is_empty() && domain_side < outcome_side {
            // Domains D_S need more than O_S take plus what their items give other outcomes.
            let need = target(&d_in);
            let other = cells(&d_in, &o_out);
            let taken = target(&o_in);
            let via = if o_in.is_empty() {
                format!("their items can count toward the outcomes at most {other} times")
            } else {
                format!(
                "{} {} only {taken} and the other outcomes can take at most {other} of their items",
                labels(&o_in),
                agree(o_in.len(), "takes", "take")
            )
            };
            (
                d_in.clone(),
                format!(
                    "{} {} {need} item(s), but {via}",
                    labels(&d_in),
                    agree(d_in.len(), "needs", "need")
                ),
                need,
                taken + other,
            )
        } else {
            // Outcomes O∖O_S need more than D∖D_S take plus what other domains' items give.
            let need = target(&o_out);
            let other = cells(&d_in, &o_out);
            let taken = target(&d_out);
            let via = if d_out.is_empty() {
                format!("the domains can give at most {other} of their items")
            } else {
                format!(
                "{} {} only {taken} and the other domains can give at most {other} of their items",
                labels(&d_out),
                agree(d_out.len(), "takes", "take")
            )
            };
            (
                o_out.clone(),
                format!(
                    "{} {} {need} item(s), but {via}",
                    labels(&o_out),
                    agree(o_out.len(), "needs", "need")
                ),
                need,
                taken + other,
            )
        };
    let rule = match rule_buckets.as_slice() {
        [only] => bank.buckets[*only].rule(),
        _ => match bank.buckets.get(rule_buckets.first().copied().unwrap_or(0)) {
            Some(b) if b.dimension == Dimension::Domain => "blueprint.domains".into(),
            _ => "blueprint.outcomes".into(),
        },
    };
    Some(Shortfall {
        rule,
        message: format!("the domain and outcome quotas cannot both be met: {message}"),
        needed,
        available,
    })
}

fn agree(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}
