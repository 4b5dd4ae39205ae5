//! numpy's legacy `RandomState` (MT19937), to draw datasketch's permutations.

/// MT19937 as numpy's legacy `RandomState` runs it (seeded by `init_genrand`), with numpy's
/// `randint` for a 64-bit range (masked rejection: draw 64 bits high word first, mask to the
/// range's bit width, retry while above).
pub(super) struct Mt19937 {
    state: [u32; MT_N],
    pos: usize,
}

const MT_N: usize = 624;
const MT_M: usize = 397;

impl Mt19937 {
    pub(super) fn new(seed: u32) -> Mt19937 {
        let mut state = [0u32; MT_N];
        let mut s = seed;
        for (i, slot) in (1u32..).zip(state.iter_mut()) {
            *slot = s;
            s = 1_812_433_253u32.wrapping_mul(s ^ (s >> 30)).wrapping_add(i);
        }
        Mt19937 { state, pos: MT_N }
    }

    fn at(&self, i: usize) -> u32 {
        self.state.get(i % MT_N).copied().unwrap_or(0)
    }

    fn twist(&mut self) {
        for i in 0..MT_N {
            let y = (self.at(i) & 0x8000_0000) | (self.at(i + 1) & 0x7FFF_FFFF);
            let v = self.at(i + MT_M) ^ (y >> 1) ^ if y & 1 == 1 { 0x9908_B0DF } else { 0 };
            if let Some(slot) = self.state.get_mut(i) {
                *slot = v;
            }
        }
        self.pos = 0;
    }

    pub(super) fn next_u32(&mut self) -> u32 {
        if self.pos >= MT_N {
            self.twist();
        }
        let mut y = self.at(self.pos);
        self.pos += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9D2C_5680;
        y ^= (y << 15) & 0xEFC6_0000;
        y ^ (y >> 18)
    }

    fn next_u64(&mut self) -> u64 {
        let hi = u64::from(self.next_u32());
        let lo = u64::from(self.next_u32());
        (hi << 32) | lo
    }

    /// numpy `RandomState.randint(low, high, dtype=np.uint64)` for `high − low − 1 > 2^32 − 1`
    /// (the only ranges drawn here).
    pub(super) fn randint(&mut self, low: u64, high: u64) -> u64 {
        let rng = high.saturating_sub(low).saturating_sub(1);
        let mask = u64::MAX.checked_shr(rng.leading_zeros()).unwrap_or(0);
        loop {
            let v = self.next_u64() & mask;
            if v <= rng {
                return low + v;
            }
        }
    }
}
