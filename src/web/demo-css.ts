// The demo storefront's stylesheet (the widget styles itself inside its shadow root).
export const demoCss = `
*{box-sizing:border-box}
:root{--ink:#1d1b19;--muted:#6b645d;--line:#e7e1d9;--paper:#fbf8f3;--accent:#8c3b2a;--focus:#1a5fd0}
body{margin:0;background:var(--paper);color:var(--ink);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
a{color:inherit}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.wrap{max-width:1160px;margin:0 auto;padding:0 24px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:8px 12px;z-index:10}
.skip:focus{left:8px}
.demo-bar{background:#26221f;color:#f3ede5;font-size:13px}
.demo-inner{display:flex;flex-wrap:wrap;align-items:center;gap:10px 16px;padding-top:8px;padding-bottom:8px}
.demo-label strong{background:#f2c94c;color:#26221f;border-radius:4px;padding:1px 6px;margin-right:6px;font-size:11px;letter-spacing:.06em;text-transform:uppercase}
.switcher{display:flex;flex-wrap:wrap;gap:6px}
.shopper{display:flex;flex-direction:column;align-items:flex-start;border:1px solid #554c45;background:transparent;color:inherit;
  border-radius:8px;padding:4px 12px;font:inherit;font-weight:600;cursor:pointer;line-height:1.25}
.shopper small{font-weight:400;color:#c9bfb3;font-size:11px}
.shopper[aria-pressed="true"]{background:#f3ede5;color:#26221f;border-color:#f3ede5}
.shopper[aria-pressed="true"] small{color:#6b645d}
.seen{margin:0;margin-left:auto;color:#d9d0c5;font-size:12.5px;max-width:520px}
header.site{background:#fff;border-bottom:1px solid var(--line);position:sticky;top:0;z-index:5}
.head-inner{display:flex;align-items:center;gap:28px;height:68px}
.logo{font-family:Georgia,"Times New Roman",serif;font-size:26px;letter-spacing:.04em;text-decoration:none;white-space:nowrap}
.logo em{color:var(--accent);font-style:italic}
nav ul{display:flex;gap:20px;list-style:none;margin:0;padding:0;font-size:14px}
nav a{text-decoration:none;color:var(--muted)}
nav a:hover{color:var(--ink)}
.account{margin-left:auto;display:flex;align-items:center;gap:18px;font-size:14px;white-space:nowrap}
.bag{display:inline-flex;align-items:center;gap:6px;font-weight:600}
.bag-count{display:inline-grid;place-items:center;min-width:22px;height:22px;border-radius:999px;background:var(--ink);color:#fff;font-size:12px;padding:0 6px}
.hero{background:linear-gradient(120deg,#f3e4d7 0%,#f7efe6 55%,#e9d5c5 100%);border-bottom:1px solid var(--line)}
.hero-inner{display:grid;grid-template-columns:1.1fr .9fr;gap:32px;align-items:center;min-height:360px;padding-top:40px;padding-bottom:40px}
.kicker{text-transform:uppercase;letter-spacing:.14em;font-size:12px;color:var(--accent);font-weight:700;margin:0 0 8px}
.hero h1{font-family:Georgia,"Times New Roman",serif;font-weight:400;font-size:46px;line-height:1.08;margin:0 0 16px;max-width:14ch}
.hero p{color:#4d4640;max-width:46ch}
.cta{margin-top:8px;border:0;border-radius:999px;background:var(--ink);color:#fff;padding:13px 22px;font:inherit;font-weight:600;cursor:pointer}
.hero-art{position:relative;height:300px}
.hero-art span{position:absolute;border-radius:160px 160px 12px 12px;box-shadow:0 20px 40px rgba(80,40,20,.15)}
.hero-art .h1{left:4%;top:30px;width:38%;height:250px;background:linear-gradient(160deg,#d0574a,#8c2b20)}
.hero-art .h2{left:34%;top:0;width:34%;height:280px;background:linear-gradient(160deg,#f6f1e8,#d8cbb7)}
.hero-art .h3{left:62%;top:46px;width:32%;height:230px;background:linear-gradient(160deg,#4c6fb8,#1f2d52)}
.perks{display:grid;grid-template-columns:repeat(3,1fr);gap:16px;padding-top:22px;padding-bottom:22px;font-size:14px;color:var(--muted)}
.perks p{margin:0;padding:12px 16px;background:#fff;border:1px solid var(--line);border-radius:10px}
.perks strong{color:var(--ink)}
.section-head{display:flex;align-items:baseline;gap:14px;margin-top:18px}
.section-head h2{font-family:Georgia,"Times New Roman",serif;font-weight:400;font-size:30px;margin:0}
.section-head p{margin:0;color:var(--muted)}
.grid{list-style:none;margin:16px 0 56px;padding:0;display:grid;grid-template-columns:repeat(4,1fr);gap:22px}
.tile h3{font-size:15px;font-weight:600;margin:10px 0 2px}
.tile-meta{display:flex;justify-content:space-between;margin:0;color:var(--muted);font-size:14px}
.tile-price{color:var(--ink);font-weight:600}
.art{position:relative;aspect-ratio:3/4;border-radius:12px;overflow:hidden;background:linear-gradient(170deg,#f4efe8,#e6ddd1)}
.art::before{content:"";position:absolute;left:22%;right:22%;top:14%;bottom:10%;border-radius:80px 80px 10px 10px;
  background:linear-gradient(165deg,color-mix(in srgb,var(--c1) 75%,#fff),var(--c1));box-shadow:0 14px 28px rgba(0,0,0,.12)}
.art-shoes::before{top:52%;bottom:18%;left:14%;right:14%;border-radius:60px 90px 14px 14px}
.art-accessories::before{top:30%;bottom:20%;left:20%;right:20%;border-radius:18px 18px 24px 24px}
.art-trousers::before{left:28%;right:28%;border-radius:14px 14px 4px 4px}
.art span{position:absolute;left:10px;top:10px;font-size:11px;text-transform:uppercase;letter-spacing:.1em;color:#6b645d;
  background:rgba(255,255,255,.8);border-radius:4px;padding:1px 6px}
.ask{margin-top:8px;border:1px solid var(--line);background:#fff;border-radius:8px;padding:6px 10px;font:inherit;font-size:13px;cursor:pointer}
.ask:hover{border-color:var(--ink)}
.checkout-note{margin:14px auto;padding:10px 16px;background:#e3f4e6;color:#1f6b2e;border-radius:10px;font-weight:600}
.site-foot{border-top:1px solid var(--line);background:#fff;color:var(--muted);font-size:14px;padding:22px 0 90px}
@media (max-width:900px){nav{display:none}.hero-inner{grid-template-columns:1fr}.hero-art{display:none}
  .grid{grid-template-columns:repeat(2,1fr)}.perks{grid-template-columns:1fr}.seen{margin-left:0}}
`;
