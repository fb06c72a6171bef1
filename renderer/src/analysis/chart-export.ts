// A chart as an SVG file (the same React component rendered to markup) or a PNG (that SVG drawn onto a
// canvas at twice its size). The PNG is rasterised from the SVG: the chart itself is never drawn by hand.
// React's server renderer (a quarter of the app's script) is loaded on the first export, not at start.
import type { ReactElement } from 'react';
import type { ExportedFile } from '../../../shared/interchange/types';

export async function chartSvg(chart: ReactElement): Promise<string> {
  const { renderToStaticMarkup } = await import('react-dom/server');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${renderToStaticMarkup(chart)}\n`;
}

export async function svgFile(chart: ReactElement, baseName: string): Promise<ExportedFile> {
  return { fileName: `${baseName}.svg`, mimeType: 'image/svg+xml', bytes: new TextEncoder().encode(await chartSvg(chart)) };
}

export async function pngFile(chart: ReactElement, baseName: string, scale = 2): Promise<ExportedFile> {
  const svg = await chartSvg(chart);
  const size = /<svg[^>]*\bwidth="(\d+(?:\.\d+)?)"[^>]*\bheight="(\d+(?:\.\d+)?)"/.exec(svg);
  const width = Number(size?.[1] ?? 800);
  const height = Number(size?.[2] ?? 600);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.width = width;
    image.height = height;
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('The chart could not be drawn as an image.'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw images.');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('The chart could not be turned into a PNG.');
    return { fileName: `${baseName}.png`, mimeType: 'image/png', bytes: new Uint8Array(await blob.arrayBuffer()) };
  } finally {
    URL.revokeObjectURL(url);
  }
}
