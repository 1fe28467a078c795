// The reformlang extension: starts `reformlang lsp` (the language server, over stdio) for .reform files.
// Highlighting comes from syntaxes/reform.tmLanguage.json; everything else from the server.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

// The command that starts the server: `reformlang lsp` unless the settings say otherwise.
// `${workspaceFolder}` in the command is replaced by the first workspace folder.
function serverCommand() {
  const config = vscode.workspace.getConfiguration("reformlang");
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  const command = config.get("server.command", "reformlang")
    .replace("${workspaceFolder}", folder ? folder.uri.fsPath : "");
  const args = config.get("server.args", ["lsp"]);
  return { command, args };
}

async function start(context) {
  const { command, args } = serverCommand();
  const serverOptions = {
    run: { command, args, transport: TransportKind.stdio },
    debug: { command, args, transport: TransportKind.stdio },
  };
  const clientOptions = {
    documentSelector: [
      { scheme: "file", language: "reformlang" },
      { scheme: "untitled", language: "reformlang" },
    ],
    synchronize: {
      // A library file saved outside the editor changes what the specs that `use` it see.
      fileEvents: vscode.workspace.createFileSystemWatcher("**/*.reform"),
    },
  };
  client = new LanguageClient("reformlang", "reformlang", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    client = undefined;
    vscode.window.showErrorMessage(
      `reformlang: could not start \`${command} ${args.join(" ")}\` (${err.message || err}). ` +
      "Install it with `pip install 'reformlang[lsp]'`, or set `reformlang.server.command` to its path."
    );
  }
}

async function stop() {
  if (client) {
    const running = client;
    client = undefined;
    await running.stop();
  }
}

async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand("reformlang.restartServer", async () => {
      await stop();
      await start(context);
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("reformlang.server")) {
        await stop();
        await start(context);
      }
    })
  );
  await start(context);
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate, serverCommand };
