using System.Text.Json;

namespace KonektoSync.Tests.Browser;

/// <summary>
/// Accessibility basics measured in the browser on the page as rendered:
/// <list type="bullet">
/// <item>contrast: every visible piece of text against the background it is painted on, both taken
/// from the computed styles (colours with transparency composited over the ancestors' backgrounds,
/// white under all), by the WCAG 2.x relative luminance and contrast ratio
/// (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio); the bar is 4.5:1 for all text;</item>
/// <item>labels: every form field has an accessible name from a &lt;label&gt; or aria-label(ledby);</item>
/// <item>focus: the focused element shows an outline or a shadow;</item>
/// <item>axe-core (the copy bundled in Deque.AxeCore.Commons, run offline) for the WCAG 2 A/AA rules.</item>
/// </list>
/// </summary>
public static class Accessibility
{
    public const double MinimumContrast = 4.5;

    /// <summary>A piece of text whose contrast with its background is below <see cref="MinimumContrast"/>.</summary>
    public sealed record LowContrast(string Text, string Color, string Background, double Ratio)
    {
        public override string ToString() => $"\"{Text}\" {Color} on {Background}: {Ratio:0.00}:1";
    }

    private const string ContrastScript = """
        const min = arguments[0];
        const canvas = document.createElement('canvas'); canvas.width = canvas.height = 1;
        const ctx = canvas.getContext('2d', { willReadFrequently: true });
        // any CSS colour (rgb, hsl, oklch, color(...)) to sRGB 0-255 with alpha 0-1, through a canvas pixel
        function rgba(css) {
          ctx.clearRect(0, 0, 1, 1); ctx.fillStyle = 'rgba(0,0,0,0)'; ctx.fillStyle = css; ctx.fillRect(0, 0, 1, 1);
          const d = ctx.getImageData(0, 0, 1, 1).data; return [d[0], d[1], d[2], d[3] / 255];
        }
        function over(top, bottom) {
          const a = top[3];
          return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat([1]);
        }
        function background(el) {
          const layers = [];
          for (let e = el; e; e = e.parentElement) {
            const s = getComputedStyle(e);
            if (s.backgroundImage && s.backgroundImage !== 'none') return null;
            const c = rgba(s.backgroundColor);
            if (c[3] > 0) layers.push(c);
            if (c[3] >= 1) break;
          }
          let bg = [255, 255, 255, 1];
          for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
          return bg;
        }
        function lum(c) {
          const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
          return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
        }
        function visible(el) {
          if (!el.getClientRects().length) return false;
          const s = getComputedStyle(el);
          return s.visibility === 'visible' && s.display !== 'none' && parseFloat(s.opacity) > 0;
        }
        const items = new Map();
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const t = n.nodeValue.trim();
          if (t && n.parentElement && !items.has(n.parentElement)) items.set(n.parentElement, t);
        }
        for (const el of document.querySelectorAll('input[type=submit],input[type=button],input[type=text],input[type=email],input[type=search],input:not([type]),textarea,select'))
          if (el.value) items.set(el, el.value);
        const low = [];
        let checked = 0;
        for (const [el, text] of items) {
          if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'TITLE'].includes(el.tagName) || !visible(el)) continue;
          const bg = background(el);
          if (!bg) continue;
          const s = getComputedStyle(el);
          const fg = over(rgba(s.color), bg);
          const a = lum(fg), b = lum(bg);
          const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
          checked++;
          if (ratio < min) low.push({ text: text.slice(0, 60), color: s.color, background: 'rgb(' + bg.slice(0, 3).map(Math.round).join(', ') + ')', ratio });
        }
        return JSON.stringify({ checked, low });
        """;

    /// <summary>The visible text of the page whose contrast is below 4.5:1, and how many pieces of text were measured.</summary>
    public static (int Checked, IReadOnlyList<LowContrast> Low) Contrast(Browser browser)
    {
        using var doc = JsonDocument.Parse((string)browser.Script(ContrastScript, MinimumContrast)!);
        var low = doc.RootElement.GetProperty("low").EnumerateArray()
            .Select(l => new LowContrast(l.GetProperty("text").GetString()!, l.GetProperty("color").GetString()!,
                l.GetProperty("background").GetString()!, l.GetProperty("ratio").GetDouble()))
            .ToList();
        return (doc.RootElement.GetProperty("checked").GetInt32(), low);
    }

    private const string LabelScript = """
        const fields = document.querySelectorAll('input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]):not([type=image]),select,textarea');
        const named = el => {
          if ([...(el.labels || [])].some(l => l.textContent.trim())) return true;
          if ((el.getAttribute('aria-label') || '').trim()) return true;
          const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(x => x);
          return ids.some(id => (document.getElementById(id)?.textContent || '').trim());
        };
        return JSON.stringify({ fields: fields.length,
          unlabelled: [...fields].filter(f => !named(f)).map(f => f.outerHTML.slice(0, 120)) });
        """;

    /// <summary>The form fields of the page without an accessible name, and how many fields there are.</summary>
    public static (int Fields, IReadOnlyList<string> Unlabelled) Labels(Browser browser)
    {
        using var doc = JsonDocument.Parse((string)browser.Script(LabelScript)!);
        return (doc.RootElement.GetProperty("fields").GetInt32(),
            doc.RootElement.GetProperty("unlabelled").EnumerateArray().Select(e => e.GetString()!).ToList());
    }

    /// <summary>The focused element (tag#id[name]) and whether it shows a focus indicator (an outline or a box shadow).</summary>
    public static (string Element, bool Indicated) Focused(Browser browser)
    {
        using var doc = JsonDocument.Parse((string)browser.Script("""
            const e = document.activeElement; const s = getComputedStyle(e);
            const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
            return JSON.stringify({ element: e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.name ? '[' + e.name + ']' : ''),
              indicated: outline || (s.boxShadow && s.boxShadow !== 'none') });
            """)!);
        return (doc.RootElement.GetProperty("element").GetString()!, doc.RootElement.GetProperty("indicated").GetBoolean());
    }

    private static readonly Lazy<string> AxeSource = new(() =>
    {
        var assembly = typeof(Deque.AxeCore.Commons.AxeResult).Assembly;
        using var stream = assembly.GetManifestResourceStream("Deque.AxeCore.Commons.Resources.axe.min.js")
            ?? throw new InvalidOperationException("axe.min.js is not in Deque.AxeCore.Commons");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>axe-core's WCAG 2 A and AA violations on the page: rule id, impact and the elements.</summary>
    public static IReadOnlyList<string> Axe(Browser browser)
    {
        browser.Script(AxeSource.Value);
        var answer = (string)browser.AsyncScript("""
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
              .then(r => done(JSON.stringify(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', ')))))
              .catch(e => done(JSON.stringify(['axe failed: ' + e])));
            """)!;
        return JsonSerializer.Deserialize<List<string>>(answer)!;
    }
}
