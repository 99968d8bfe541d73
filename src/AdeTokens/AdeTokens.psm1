# Loads the right build of the cmdlets for this edition.
# PowerShell 7: everything but the small loader goes into a private AssemblyLoadContext, so Microsoft.Graph,
# Azure.Identity and their dependencies never clash with Az.Accounts or the Graph SDK modules in the same session.
# Windows PowerShell 5.1: the module's own resolver (ModuleInitializer) answers only for its own folder.
if ($PSEdition -eq 'Core') {
    $libDir = [IO.Path]::Combine($PSScriptRoot, 'bin', 'net8.0', 'lib')
    # The loader type survives Remove-Module in the process, so only add it when it is not there yet.
    if (-not ('AdeTokens.Loader.LoadContext' -as [type])) {
        Add-Type -Path ([IO.Path]::Combine($PSScriptRoot, 'bin', 'net8.0', 'AdeTokens.Loader.dll'))
    }
    $assembly = [AdeTokens.Loader.LoadContext]::Initialize($libDir)
    $innerModule = Import-Module -Assembly $assembly -PassThru -Force
}
else {
    $innerModule = Import-Module -Name ([IO.Path]::Combine($PSScriptRoot, 'bin', 'net472', 'AdeTokens.dll')) -PassThru -Force
}

# Let Remove-Module AdeTokens also remove the nested binary module.
$ExecutionContext.SessionState.Module.OnRemove = {
    if ($innerModule) { Remove-Module -ModuleInfo $innerModule -Force -ErrorAction SilentlyContinue }
}.GetNewClosure()
