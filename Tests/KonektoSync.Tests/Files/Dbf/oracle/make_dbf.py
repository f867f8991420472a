"""Writes DBF oracle fixtures with python-dbf (Debian package python3-dbf).

Usage: /usr/bin/python3 make_dbf.py OUTDIR

Tables (each with a memo file):
  db3_cp852, db3_cp1250   dBase III (.dbt)
  fp_cp852,  fp_cp1250    FoxPro 2 (.fpt), plus a float field
  vfp_cp852, vfp_cp1250   Visual FoxPro (.fpt), plus integer, currency, datetime, double
Copies with the language driver byte (offset 29) changed:
  db3_cp852_ld00, db3_cp1250_ld00, fp_cp1250_ld00 (0x00), db3_cp852_ld23 (0x23), db3_cp852_ld64 (0x64)
Rows: 5 records, the 3rd and 5th deleted.
"""
import datetime
from decimal import Decimal
import os
import shutil
import sys

import dbf

ROWS = [
    dict(name='Łódź', amount=12.5, born=datetime.date(2024, 1, 31), paid=True,
         note='Zażółć gęślą jaźń'),
    dict(name='ŚWIĘTOKRZYSKA', amount=-3.25, paid=False),
    dict(name='usunięty', amount=1, born=datetime.date(2020, 2, 29), note='x'),
    dict(name='Gdańsk, "Żuraw"', amount=1234567.89, born=datetime.date(1999, 12, 31),
         note='pierwsza linia\r\ndruga: źdźbło, ŻÓŁW'),
    dict(name='też usunięty', amount=0),
]
DELETED = (2, 4)

EXTRA = {
    'db3': ('', [{}, {}, {}, {}, {}]),
    'fp': ('; rate F(10,3)', [dict(rate=1.5), dict(rate=-0.125), {}, {}, {}]),
    'vfp': ('; cnt I; money Y; stamp T; dbl B',
            [dict(cnt=-7, money=Decimal("12.3456"), stamp=datetime.datetime(2024, 5, 6, 7, 8, 9), dbl=2.5),
             dict(cnt=2147483646, money=Decimal("-0.0001"), dbl=-1e-3), {}, {}, {}]),
}
MEMO_EXT = {'db3': '.dbt', 'fp': '.fpt', 'vfp': '.fpt'}


def write(outdir, kind, codepage):
    spec_extra, extras = EXTRA[kind]
    name = os.path.join(outdir, '%s_%s' % (kind, codepage))
    table = dbf.Table(name, 'name C(30); amount N(12,2); born D; paid L; note M' + spec_extra,
                      dbf_type=kind, codepage=codepage)
    table.open(dbf.READ_WRITE)
    for row, extra in zip(ROWS, extras):
        table.append(dict(row, **extra))
    for index in DELETED:
        with table[index] as record:
            dbf.delete(record)
    table.close()
    return name


def with_language_driver(base, kind, ldid, suffix):
    target = base + suffix
    with open(base + '.dbf', 'rb') as f:
        data = bytearray(f.read())
    data[29] = ldid
    with open(target + '.dbf', 'wb') as f:
        f.write(data)
    shutil.copyfile(base + MEMO_EXT[kind], target + MEMO_EXT[kind])


def main():
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    for kind in ('db3', 'fp', 'vfp'):
        for codepage in ('cp852', 'cp1250'):
            write(outdir, kind, codepage)
    base = os.path.join(outdir, '%s_%s')
    with_language_driver(base % ('db3', 'cp852'), 'db3', 0x00, '_ld00')
    with_language_driver(base % ('db3', 'cp1250'), 'db3', 0x00, '_ld00')
    with_language_driver(base % ('fp', 'cp1250'), 'fp', 0x00, '_ld00')
    with_language_driver(base % ('db3', 'cp852'), 'db3', 0x23, '_ld23')
    with_language_driver(base % ('db3', 'cp852'), 'db3', 0x64, '_ld64')


if __name__ == '__main__':
    main()
