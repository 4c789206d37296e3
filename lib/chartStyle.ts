// Okabe–Ito: distinguishable with the common colour-vision deficiencies. Each series also gets its
// own point shape and dash pattern, so colour is never the only cue. Shared by browser and e-mail charts.
const COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];
const SHAPES = ["circle", "rect", "triangle", "rectRot", "cross", "star", "crossRot"] as const;
const DASHES = [[], [6, 3], [2, 2], [8, 3, 2, 3], [4, 4], [1, 3], [10, 2]];

export function SERIES_STYLE(i: number) {
  const colour = COLOURS[i % COLOURS.length]!;
  return {
    borderColor: colour,
    backgroundColor: colour,
    borderDash: DASHES[i % DASHES.length]!,
    pointStyle: SHAPES[i % SHAPES.length]!,
  };
}
