# Loads the right build of the cmdlets for this edition.
# PowerShell 7: everything but the small loader goes into a private AssemblyLoadContext, so Microsoft.Graph,
# Azure.Identity and their dependencies never clash with Az.Accounts or the Graph SDK modules in the same session.
# Windows PowerShell 5.1: the module's own resolver (ModuleInitializer) answers only for its own folder.
# Only engine cmdlets and .NET calls here: Add-Type, Join-Path and friends live in modules that would be loaded
# just for this file, and that alone cost more than the rest of the import (see bench/RESULTS.md).
if ($PSEdition -eq 'Core') {
    $binDir = [IO.Path]::Combine($PSScriptRoot, 'bin')
    # The loader type survives Remove-Module in the process, so only load it when it is not there yet.
    if (-not ('AdeTokens.Loader.LoadContext' -as [type])) {
        $null = [System.Reflection.Assembly]::LoadFrom([IO.Path]::Combine($binDir, 'net8.0', 'AdeTokens.Loader.dll'))
    }
    # bin/net472 holds the netstandard2.0 Microsoft.Graph.dll that both editions use (see LoadContext).
    $assembly = [AdeTokens.Loader.LoadContext]::Initialize([IO.Path]::Combine($binDir, 'net8.0', 'lib'), [IO.Path]::Combine($binDir, 'net472'))
    $innerModule = Import-Module -Assembly $assembly -PassThru -Force
}
else {
    $innerModule = Import-Module -Name ([IO.Path]::Combine($PSScriptRoot, 'bin', 'net472', 'AdeTokens.dll')) -PassThru -Force
}

# Let Remove-Module AdeTokens also remove the nested binary module.
$ExecutionContext.SessionState.Module.OnRemove = {
    if ($innerModule) { Remove-Module -ModuleInfo $innerModule -Force -ErrorAction SilentlyContinue }
}.GetNewClosure()
