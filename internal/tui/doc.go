// Package tui is margin's interactive reader: a full-screen Bubble Tea
// program that shows one section of the paper at a time, rendered by glamour
// at the width of the pane, with a table-of-contents sidebar, less- and
// vim-like keys, live search, a glossary browser and overlays for the notes,
// terms and endnotes marked in the text.
//
// Rendering and searching run in tea.Cmds, never in View; rendered sections
// are cached per section, width and style. The reader never asks the
// terminal for its colours (no background-colour detection) and never waits
// for the terminal: the style and colour profile are chosen by the caller.
// (Bubble Tea v2 asks for the terminal's keyboard and synchronized-output
// modes at start and takes the answers if they come.) The reading position is kept in position.json in the state
// directory (see StateDir) and restored on the next start.
package tui
