#!/usr/bin/env python3
# Writes Host/Texts/Strings.resx (English) and Strings.pl.resx (Polish) from Host/Texts/strings.tsv
# (key, English, Polish; tab-separated). Run from the repository root after editing the TSV.
import sys, html
rows=[l.rstrip('\n').split('\t') for l in open('Host/Texts/strings.tsv', encoding='utf-8') if l.strip() and not l.startswith('#')]
head='''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''
for idx,fn in ((1,'Strings.resx'),(2,'Strings.pl.resx')):
    with open('Host/Texts/'+fn,'w',encoding='utf-8') as f:
        f.write(head)
        for r in sorted(rows, key=lambda r:r[0]):
            if len(r)<3: print('bad',r); sys.exit(1)
            f.write(f'  <data name="{html.escape(r[0])}" xml:space="preserve"><value>{html.escape(r[idx], quote=False)}</value></data>\n')
        f.write('</root>\n')
print(len(rows))
