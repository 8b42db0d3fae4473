import LoomCLI

LoomCommand.main(LoomCommand.arguments())
