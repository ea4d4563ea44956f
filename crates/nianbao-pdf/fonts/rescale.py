"""Sets a CFF-outline OpenType font on a coarser grid of units per em (see README.md).

    python3 rescale.py IN.otf OUT.otf 500

Every outline point is scaled and rounded where it is, then the charstring is written from the
rounded points: rounding the relative moves instead (as fontTools' scale_upem does) would add
up their errors along a contour. Advance widths are rounded down, so a width that was odd
becomes 1/1000 em narrower, never wider, and a line that fitted still fits. The other tables
(metrics, bounding boxes, the private dicts, FontMatrix) are scaled by fontTools.

The charstrings are subroutinized again with cffsubr (AFDKO's `tx`), which the file needs to
stay smaller than the one it was made from; the PDF's subsets have none either way (krilla
inlines them). The file keeps the source's timestamps, so the same input gives the same bytes.
"""

import sys

import cffsubr
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem

source, target, units = sys.argv[1], sys.argv[2], int(sys.argv[3])
original = TTFont(source)
factor = units / original["head"].unitsPerEm
glyphs = original.getGlyphSet()
programs = {}
for name in original.getGlyphOrder():
    pen = T2CharStringPen(None, glyphs)
    glyphs[name].draw(TransformPen(pen, (factor, 0, 0, factor, 0, 0)))
    programs[name] = pen.getCharString().program

font = TTFont(source, recalcTimestamp=False)
scale_upem(font, units)
metrics = font["hmtx"].metrics
for name, (width, _) in original["hmtx"].metrics.items():
    metrics[name] = (int(width * factor), metrics[name][1])
charstrings = font["CFF "].cff.topDictIndex[0].CharStrings
for name, program in programs.items():
    charstring, _ = charstrings.getItemAndSelector(name)
    width, private = metrics[name][0], charstring.private
    if width != private.defaultWidthX:
        program = [width - private.nominalWidthX, *program]
    charstring.program = program
cffsubr.subroutinize(font)
# tx writes no FontMatrix, which readers then take as 1/1000 em a unit: glyphs at half size.
font["CFF "].cff.topDictIndex[0].FontMatrix = [1 / units, 0, 0, 1 / units, 0, 0]
font.save(target)
