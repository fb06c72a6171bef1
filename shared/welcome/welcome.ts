// The document a new library starts with: how to use Apostil, and a first passage to annotate.
// Plain Markdown blocks only (headings, paragraphs, lists, a quote), so every importer renders it alike.

const markdown = `# Welcome to Apostil

Apostil is a workbench for reading policy texts closely. You gather your sources in a library, mark the passages that matter, and link each one to the principles and actors it speaks about. This short document is yours to practise on: nothing you do to it can break anything.

## Your library

Everything starts in the library. To add a source, click the Import button or drag files onto the window. Apostil reads PDF, HTML, Markdown and plain text files, and keeps each original exactly as you gave it.

Every document has metadata: its title, authors, date, publication, web address and kind (article, treaty, report, book chapter or web page). Edit a document's details to correct what the import guessed. Good metadata makes your exports and citations cleaner.

## Reading and highlighting

Open a document to read it. When a passage matters, select it. A small popover appears where you can:

- pick a highlight colour;
- link the passage to one or more principles;
- link it to actors, and say where each one stands: supports, opposes, mixed, or simply mentions;
- add tags, such as elections or follow-up;
- write a note in your own words.

Apostil suggests the actors a passage names, so linking them usually takes a single click.

## Try it here

Select the quoted paragraph below and make it your first linked highlight.

> France launched the Paris Call in November 2018, and Microsoft was among its first supporters. The United States joined only in 2021, while Russia and China stayed away. Those who support the Call commit, among other things, to protect the public core of the internet and to defend electoral processes against foreign interference.

A good first annotation links France and Microsoft with the stance supports, Russia and China with opposes, and the principles Protect the public core of the internet and Defend electoral processes. Add a note on why the United States took three years to join.

## The annotation list

The sidebar lists the annotations of the open document in reading order. Click one to jump to its passage. You can change its colour, links, tags and note at any time, or delete it. Changed your mind? Press Ctrl+Z, or Cmd+Z on a Mac, to undo.

## Searching

Use the search box to search your library. Type words to find the passages that contain them, or put a phrase in double quotes, such as "critical infrastructure", to find those words side by side.

## Saved as you go

There is no Save button. Every change is written at once to plain files in your library folder: the original documents, their metadata, their text and your annotations. You can back the folder up, sync it, or read it without Apostil.

## The Paris Call codebook

Your library comes with a codebook for the Paris Call for Trust and Security in Cyberspace. It holds the nine principles of the Call, each with a short description and a colour of its own, and the actors that writing about the Call tends to name:

- states, such as France, Germany and Japan;
- companies, such as Microsoft and Google;
- civil society groups and international bodies;
- a few people, such as Emmanuel Macron.

Make it your own: add the themes of your project, or the actors your sources talk about.

Happy reading. When you no longer need this document, you can delete it from your library.
`;

export const WELCOME_DOCUMENT: { fileName: 'Welcome to Apostil.md'; markdown: string } = {
  fileName: 'Welcome to Apostil.md',
  markdown,
};
