#Requires -Version 7.2
<#
.SYNOPSIS
    Builds the MAML help file (AdeTokens.dll-Help.xml) that Get-Help reads for the binary cmdlets.

.DESCRIPTION
    platyPS is not on our registry, so this script does its job for our docs: it reads every
    docs/en-US/<Verb>-<Noun>.md (platyPS markdown) and writes one MAML file per "external help file"
    named in the front matter.

    Text (synopsis, description, parameter descriptions, default values, examples, inputs, outputs,
    notes, related links) comes from the markdown. Syntax and parameter attributes (mandatory,
    position, pipeline input, aliases, wildcards, enum values) come from the built module's
    Get-Command metadata, so they can never drift from the code.

    Markdown for a cmdlet the module doesn't export is skipped with a warning, and so is a file that
    can't be parsed: help sources written by others must never break the build. A cmdlet the module
    exports without a markdown file gets a warning and no MAML entry (Get-Help then falls back to
    its generated syntax).

.PARAMETER ModulePath
    The built module manifest (out/AdeTokens/<version>/AdeTokens.psd1).

.PARAMETER SourcePath
    The folder with the help markdown. Defaults to docs/en-US next to this script's parent.

.PARAMETER OutputDirectory
    Folders to write the MAML file(s) into. Each gets its own copy.

.EXAMPLE
    ./tools/New-AdeMamlHelp.ps1 -ModulePath ./out/AdeTokens/0.1.0/AdeTokens.psd1 -OutputDirectory ./out/AdeTokens/0.1.0/en-US
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $ModulePath,

    [string] $SourcePath = (Join-Path $PSScriptRoot '..' 'docs' 'en-US'),

    [Parameter(Mandatory)]
    [string[]] $OutputDirectory
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$NsMaml = 'http://schemas.microsoft.com/maml/2004/10'
$NsCommand = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$NsDev = 'http://schemas.microsoft.com/maml/dev/2004/10'
$NsMsh = 'http://msh'

# The common parameters never get their own entries; WhatIf and Confirm do (PowerShell's own help
# lists them), with the standard text when a help source doesn't describe them.
$StandardDescriptions = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}

#region Metadata from the built module
function Get-CommandMetadata {
    param([string] $ManifestPath)

    # A separate process: importing the module here would load its assemblies into the build's own
    # process, where they stay (and, on Windows, lock the dlls the next build must delete).
    $script = {
        param($ManifestPath, $OutFile)
        $ErrorActionPreference = 'Stop'
        $module = Import-Module $ManifestPath -PassThru
        $common = [System.Management.Automation.Cmdlet]::CommonParameters
        $commands = foreach ($c in Get-Command -Module $module.Name -CommandType Cmdlet) {
            $parameters = foreach ($p in $c.Parameters.Values) {
                if ($common -contains $p.Name) { continue }
                $type = $p.ParameterType
                $element = if ($type.IsArray) { $type.GetElementType() } else { $type }
                [ordered]@{
                    Name              = $p.Name
                    TypeName          = $type.Name
                    TypeFullName      = $type.FullName
                    IsArray           = $type.IsArray
                    IsSwitch          = $p.SwitchParameter
                    EnumValues        = @(if ($element.IsEnum) { [enum]::GetNames($element) })
                    Aliases           = @($p.Aliases)
                    SupportsWildcards = [bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
                }
            }
            $sets = foreach ($s in $c.ParameterSets) {
                [ordered]@{
                    Name       = $s.Name
                    IsDefault  = $s.IsDefault
                    Parameters = @(foreach ($sp in $s.Parameters) {
                            if ($common -contains $sp.Name) { continue }
                            [ordered]@{
                                Name                            = $sp.Name
                                IsMandatory                     = $sp.IsMandatory
                                Position                        = $sp.Position
                                ValueFromPipeline               = $sp.ValueFromPipeline
                                ValueFromPipelineByPropertyName = $sp.ValueFromPipelineByPropertyName
                            }
                        })
                }
            }
            [ordered]@{
                Name          = $c.Name
                Verb          = $c.Verb
                Noun          = $c.Noun
                Parameters    = @($parameters)
                ParameterSets = @($sets)
            }
        }
        ConvertTo-Json -InputObject @($commands) -Depth 8 | Set-Content -LiteralPath $OutFile -Encoding utf8
    }

    $outFile = [IO.Path]::Combine([IO.Path]::GetTempPath(), "adetokens-help-$PID-$([guid]::NewGuid().ToString('n')).json")
    $scriptFile = [IO.Path]::ChangeExtension($outFile, '.ps1')
    Set-Content -LiteralPath $scriptFile -Value $script.ToString() -Encoding utf8
    # Under `dotnet pwsh` the process is dotnet itself, and pwsh.dll is the program to hand it.
    $exe = [Environment]::ProcessPath
    [string[]] $prefix = if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' } else { @() }
    try {
        & $exe @prefix -NoProfile -NonInteractive -File $scriptFile -ManifestPath (Resolve-Path $ManifestPath).Path -OutFile $outFile
        if ($LASTEXITCODE -ne 0 -or -not (Test-Path $outFile)) {
            throw "Could not read the cmdlet metadata of $ManifestPath (exit code $LASTEXITCODE)."
        }
        return @(Get-Content -LiteralPath $outFile -Raw | ConvertFrom-Json)
    }
    finally {
        Remove-Item -LiteralPath $scriptFile, $outFile -Force -ErrorAction SilentlyContinue
    }
}
#endregion

#region Markdown
function Split-MarkdownSection {
    # Splits on headings of the given level, ignoring '#' lines inside fenced code.
    param([string[]] $Lines, [int] $Level)
    $marker = ('#' * $Level) + ' '
    $sections = [System.Collections.Generic.List[object]]::new()
    $current = [pscustomobject]@{ Title = $null; Lines = [System.Collections.Generic.List[string]]::new() }
    $fence = $false
    foreach ($line in $Lines) {
        if ($line -match '^\s*(```|~~~)') { $fence = -not $fence }
        if (-not $fence -and $line.StartsWith($marker)) {
            $sections.Add($current)
            $current = [pscustomobject]@{ Title = $line.Substring($marker.Length).Trim(); Lines = [System.Collections.Generic.List[string]]::new() }
            continue
        }
        $current.Lines.Add($line)
    }
    $sections.Add($current)
    return $sections
}

function Split-Block {
    # Yields @{ Kind = 'text'|'code'; Info = fence info string; Lines = ... } in order.
    param([string[]] $Lines)
    $blocks = [System.Collections.Generic.List[object]]::new()
    $text = [System.Collections.Generic.List[string]]::new()
    $code = $null
    $info = ''
    foreach ($line in $Lines) {
        if ($null -eq $code) {
            if ($line -match '^\s*(```|~~~)\s*(\S*)') {
                if ($text.Count) { $blocks.Add([pscustomobject]@{ Kind = 'text'; Info = ''; Lines = $text.ToArray() }); $text.Clear() }
                $code = [System.Collections.Generic.List[string]]::new()
                $info = $Matches[2]
            }
            else { $text.Add($line) }
        }
        elseif ($line -match '^\s*(```|~~~)\s*$') {
            $blocks.Add([pscustomobject]@{ Kind = 'code'; Info = $info; Lines = $code.ToArray() })
            $code = $null
        }
        else { $code.Add($line) }
    }
    if ($null -ne $code) { $blocks.Add([pscustomobject]@{ Kind = 'code'; Info = $info; Lines = $code.ToArray() }) }
    if ($text.Count) { $blocks.Add([pscustomobject]@{ Kind = 'text'; Info = ''; Lines = $text.ToArray() }) }
    return $blocks
}

function ConvertFrom-InlineMarkdown {
    param([string] $Text)
    # Code spans keep their text as it is (wildcards such as 'Contoso*' included); only their backticks go.
    $parts = $Text -split '`'
    for ($i = 0; $i -lt $parts.Count; $i += 2) {
        # [text](uri): keep absolute links readable in a console, drop relative ones (other help pages).
        $parts[$i] = [regex]::Replace($parts[$i], '\[([^\]]+)\]\(([^)\s]+)\)', {
                param($m)
                if ($m.Groups[2].Value -match '^https?://') { "$($m.Groups[1].Value) ($($m.Groups[2].Value))" } else { $m.Groups[1].Value }
            })
        $parts[$i] = $parts[$i] -replace '\*\*(.+?)\*\*', '$1' -replace '\\([\\`*_{}\[\]()#+\-.!<>|])', '$1'
    }
    return ($parts -join '').Trim()
}

function ConvertTo-Paragraph {
    # Markdown text to MAML paragraphs: one per paragraph, one per list item, one per code block.
    param([string[]] $Lines)
    $paras = [System.Collections.Generic.List[string]]::new()
    foreach ($block in Split-Block $Lines) {
        if ($block.Kind -eq 'code') {
            $paras.Add((($block.Lines | ForEach-Object { "    $_" }) -join "`n"))
            continue
        }
        $buffer = [System.Collections.Generic.List[string]]::new()
        $flush = {
            if ($buffer.Count) {
                $joined = ($buffer | ForEach-Object { $_.Trim() }) -join ' '
                $paras.Add((ConvertFrom-InlineMarkdown $joined))
                $buffer.Clear()
            }
        }
        foreach ($line in $block.Lines) {
            if ($line.Trim() -eq '') { & $flush; continue }
            if ($line -match '^\s*([-*+]|\d+\.)\s+') {
                & $flush
                $item = $line.Trim()
                if ($item -match '^[*+]\s+') { $item = '- ' + ($item -replace '^[*+]\s+', '') }
                $buffer.Add($item)
                continue
            }
            $buffer.Add($line)
        }
        & $flush
    }
    return , $paras.ToArray()
}

function Get-Text {
    param([object[]] $Sections, [string] $Title)
    $s = $Sections | Where-Object { $_.Title -eq $Title } | Select-Object -First 1
    if ($s) { return , $s.Lines.ToArray() } else { return , @() }
}

function Read-HelpMarkdown {
    param([string] $Path)
    $lines = (Get-Content -LiteralPath $Path -Raw) -split "\r?\n"
    $front = @{}
    if ($lines.Count -gt 0 -and $lines[0].Trim() -eq '---') {
        $end = [array]::IndexOf($lines, '---', 1)
        if ($end -lt 0) { throw "The front matter of $Path has no closing '---'." }
        foreach ($l in $(if ($end -gt 1) { $lines[1..($end - 1)] } else { @() })) {
            if ($l -match '^\s*([^:]+):\s*(.*)$') { $front[$Matches[1].Trim()] = $Matches[2].Trim() }
        }
        $lines = if ($end + 1 -lt $lines.Count) { $lines[($end + 1)..($lines.Count - 1)] } else { @() }
    }

    $top = Split-MarkdownSection $lines 1
    $titled = $top | Where-Object Title | Select-Object -First 1
    $name = if ($titled) { $titled.Title } else { [IO.Path]::GetFileNameWithoutExtension($Path) }
    $body = if ($titled) { $titled.Lines.ToArray() } else { $lines }
    $sections = Split-MarkdownSection $body 2

    $examples = foreach ($ex in (Split-MarkdownSection (Get-Text $sections 'EXAMPLES') 3 | Where-Object Title)) {
        $blocks = Split-Block $ex.Lines.ToArray()
        $code = @($blocks | Where-Object Kind -eq 'code' | ForEach-Object { $_.Lines -join "`n" })
        # Text after a code block is a new paragraph even without a blank line before it.
        $remarks = ConvertTo-Paragraph @($blocks | Where-Object Kind -eq 'text' | ForEach-Object { $_.Lines; '' })
        [pscustomobject]@{ Title = $ex.Title; Code = ($code -join "`n`n"); Remarks = $remarks }
    }

    $parameters = @{}
    foreach ($p in (Split-MarkdownSection (Get-Text $sections 'PARAMETERS') 3 | Where-Object Title)) {
        if ($p.Title -notmatch '^-(\S+)') { continue }   # CommonParameters and the like
        $parameterName = $Matches[1]
        $blocks = Split-Block $p.Lines.ToArray()
        $yaml = @{}
        $firstYaml = $blocks | Where-Object { $_.Kind -eq 'code' -and $_.Info -eq 'yaml' } | Select-Object -First 1
        if ($firstYaml) {
            foreach ($l in $firstYaml.Lines) { if ($l -match '^([^:]+):\s*(.*)$') { $yaml[$Matches[1].Trim()] = $Matches[2].Trim() } }
        }
        $text = @($blocks | Where-Object { $_.Kind -eq 'text' } | ForEach-Object { $_.Lines; '' })
        $parameters[$parameterName] = [pscustomobject]@{ Description = ConvertTo-Paragraph $text; Yaml = $yaml }
    }

    $typed = {
        param($title)
        foreach ($t in (Split-MarkdownSection (Get-Text $sections $title) 3 | Where-Object Title)) {
            [pscustomobject]@{ Type = (ConvertFrom-InlineMarkdown $t.Title); Description = ConvertTo-Paragraph $t.Lines.ToArray() }
        }
    }

    $links = [System.Collections.Generic.List[object]]::new()
    if ($front['online version']) { $links.Add([pscustomobject]@{ Text = 'Online Version:'; Uri = $front['online version'] }) }
    foreach ($l in Get-Text $sections 'RELATED LINKS') {
        foreach ($m in [regex]::Matches($l, '\[([^\]]+)\]\(([^)\s]*)\)')) {
            $uri = if ($m.Groups[2].Value -match '^https?://') { $m.Groups[2].Value } else { '' }
            $links.Add([pscustomobject]@{ Text = $m.Groups[1].Value; Uri = $uri })
        }
    }

    [pscustomobject]@{
        Path        = $Path
        Name        = $name
        HelpFile    = if ($front['external help file']) { $front['external help file'] } else { 'AdeTokens.dll-Help.xml' }
        Synopsis    = (ConvertTo-Paragraph (Get-Text $sections 'SYNOPSIS')) -join ' '
        Description = ConvertTo-Paragraph (Get-Text $sections 'DESCRIPTION')
        Examples    = @($examples)
        Parameters  = $parameters
        Inputs      = @(& $typed 'INPUTS')
        Outputs     = @(& $typed 'OUTPUTS')
        Notes       = ConvertTo-Paragraph (Get-Text $sections 'NOTES')
        Links       = $links.ToArray()
    }
}
#endregion

#region MAML
function Write-Para {
    param([System.Xml.XmlWriter] $W, [string[]] $Paragraphs)
    $W.WriteStartElement('maml', 'description', $NsMaml)
    foreach ($p in $Paragraphs) { $W.WriteElementString('maml', 'para', $NsMaml, $p) }
    $W.WriteEndElement()
}

function Get-PipelineText {
    param([object[]] $SetEntries)
    $kinds = @()
    if ($SetEntries | Where-Object ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }
    if ($SetEntries | Where-Object ValueFromPipeline) { $kinds += 'ByValue' }
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

function Write-Parameter {
    param(
        [System.Xml.XmlWriter] $W,
        $Meta,                 # parameter metadata
        [object[]] $SetEntries, # its entries in the parameter sets concerned
        $Doc,                  # markdown parameter or $null
        [switch] $InSyntax
    )
    $required = @($SetEntries | Where-Object { -not $_.IsMandatory }).Count -eq 0
    $positions = @($SetEntries | Where-Object { $_.Position -ge 0 } | ForEach-Object Position | Select-Object -Unique)
    $W.WriteStartElement('command', 'parameter', $NsCommand)
    $W.WriteAttributeString('required', $required.ToString().ToLowerInvariant())
    $W.WriteAttributeString('variableLength', $Meta.IsArray.ToString().ToLowerInvariant())
    $W.WriteAttributeString('globbing', $Meta.SupportsWildcards.ToString().ToLowerInvariant())
    $W.WriteAttributeString('pipelineInput', (Get-PipelineText $SetEntries))
    $W.WriteAttributeString('position', $(if ($positions.Count -gt 0) { [string]$positions[0] } else { 'named' }))
    $aliases = @($Meta.Aliases | Where-Object { $_ })
    $W.WriteAttributeString('aliases', $(if ($aliases.Count) { $aliases -join ', ' } else { 'none' }))
    $W.WriteElementString('maml', 'name', $NsMaml, $Meta.Name)

    $description = if ($Doc -and @($Doc.Description).Count) { $Doc.Description }
    elseif ($StandardDescriptions.ContainsKey($Meta.Name)) { @($StandardDescriptions[$Meta.Name]) }
    else { @() }
    Write-Para $W $description

    if (-not ($InSyntax -and $Meta.IsSwitch)) {
        $enumValues = @($Meta.EnumValues | Where-Object { $_ })
        if ($InSyntax -and $enumValues.Count) {
            $W.WriteStartElement('command', 'parameterValueGroup', $NsCommand)
            foreach ($v in $enumValues) {
                $W.WriteStartElement('command', 'parameterValue', $NsCommand)
                $W.WriteAttributeString('required', 'false')
                $W.WriteAttributeString('command', 'variableLength', $NsCommand, 'false')
                $W.WriteString($v)
                $W.WriteEndElement()
            }
            $W.WriteEndElement()
        }
        else {
            $W.WriteStartElement('command', 'parameterValue', $NsCommand)
            $W.WriteAttributeString('required', $(if ($Meta.IsSwitch) { 'false' } else { 'true' }))
            $W.WriteAttributeString('variableLength', $Meta.IsArray.ToString().ToLowerInvariant())
            $W.WriteString($Meta.TypeName)
            $W.WriteEndElement()
        }
    }
    $W.WriteStartElement('dev', 'type', $NsDev)
    $W.WriteElementString('maml', 'name', $NsMaml, $Meta.TypeName)
    $W.WriteElementString('maml', 'uri', $NsMaml, '')
    $W.WriteEndElement()
    $default = if ($Doc -and $Doc.Yaml['Default value']) { $Doc.Yaml['Default value'] } elseif ($Meta.IsSwitch) { 'False' } else { 'None' }
    $W.WriteElementString('dev', 'defaultValue', $NsDev, $default)
    $W.WriteEndElement()
}

function Write-Command {
    param([System.Xml.XmlWriter] $W, $Doc, $Meta)

    $W.WriteStartElement('command', 'command', $NsCommand)
    # Declared once here rather than on every element that uses them.
    $W.WriteAttributeString('xmlns', 'maml', 'http://www.w3.org/2000/xmlns/', $NsMaml)
    $W.WriteAttributeString('xmlns', 'dev', 'http://www.w3.org/2000/xmlns/', $NsDev)

    $W.WriteStartElement('command', 'details', $NsCommand)
    $W.WriteElementString('command', 'name', $NsCommand, $Meta.Name)
    $W.WriteElementString('command', 'verb', $NsCommand, $Meta.Verb)
    $W.WriteElementString('command', 'noun', $NsCommand, $Meta.Noun)
    Write-Para $W @($Doc.Synopsis)
    $W.WriteEndElement()

    Write-Para $W $Doc.Description

    $paramByName = @{}
    foreach ($p in $Meta.Parameters) { $paramByName[$p.Name] = $p }

    # Default set first, as Get-Command shows it; inside a set, positional parameters by position.
    $W.WriteStartElement('command', 'syntax', $NsCommand)
    foreach ($set in @($Meta.ParameterSets | Sort-Object { -not $_.IsDefault })) {
        $W.WriteStartElement('command', 'syntaxItem', $NsCommand)
        $W.WriteElementString('maml', 'name', $NsMaml, $Meta.Name)
        $entries = @($set.Parameters)
        $ordered = @($entries | Where-Object { $_.Position -ge 0 } | Sort-Object Position) + @($entries | Where-Object { $_.Position -lt 0 })
        foreach ($e in $ordered) {
            Write-Parameter $W $paramByName[$e.Name] @($e) $Doc.Parameters[$e.Name] -InSyntax
        }
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'parameters', $NsCommand)
    foreach ($p in @($Meta.Parameters | Sort-Object Name)) {
        $entries = @($Meta.ParameterSets | ForEach-Object { $_.Parameters } | Where-Object Name -eq $p.Name)
        Write-Parameter $W $p $entries $Doc.Parameters[$p.Name]
    }
    $W.WriteEndElement()

    foreach ($io in @(@('inputTypes', 'inputType', $Doc.Inputs), @('returnValues', 'returnValue', $Doc.Outputs))) {
        $W.WriteStartElement('command', $io[0], $NsCommand)
        foreach ($t in $io[2]) {
            $W.WriteStartElement('command', $io[1], $NsCommand)
            $W.WriteStartElement('dev', 'type', $NsDev)
            $W.WriteElementString('maml', 'name', $NsMaml, $t.Type)
            $W.WriteEndElement()
            Write-Para $W $t.Description
            $W.WriteEndElement()
        }
        $W.WriteEndElement()
    }

    if (@($Doc.Notes).Count) {
        $W.WriteStartElement('maml', 'alertSet', $NsMaml)
        $W.WriteStartElement('maml', 'alert', $NsMaml)
        foreach ($n in $Doc.Notes) { $W.WriteElementString('maml', 'para', $NsMaml, $n) }
        $W.WriteEndElement()
        $W.WriteEndElement()
    }

    $W.WriteStartElement('command', 'examples', $NsCommand)
    foreach ($ex in $Doc.Examples) {
        $W.WriteStartElement('command', 'example', $NsCommand)
        $W.WriteElementString('maml', 'title', $NsMaml, "---------- $($ex.Title) ----------")
        $W.WriteElementString('dev', 'code', $NsDev, $ex.Code)
        $W.WriteStartElement('dev', 'remarks', $NsDev)
        foreach ($r in $ex.Remarks) { $W.WriteElementString('maml', 'para', $NsMaml, $r) }
        $W.WriteEndElement()
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'relatedLinks', $NsCommand)
    foreach ($l in $Doc.Links) {
        $W.WriteStartElement('maml', 'navigationLink', $NsMaml)
        $W.WriteElementString('maml', 'linkText', $NsMaml, $l.Text)
        $W.WriteElementString('maml', 'uri', $NsMaml, $l.Uri)
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteEndElement()
}
#endregion

$metadata = Get-CommandMetadata -ManifestPath $ModulePath
$metaByName = @{}
foreach ($m in $metadata) { $metaByName[$m.Name] = $m }

$docs = [System.Collections.Generic.List[object]]::new()
$files = @(Get-ChildItem -LiteralPath $SourcePath -Filter '*-*.md' -File | Where-Object Name -NotLike 'about_*')
foreach ($file in $files) {
    $name = $file.BaseName
    if (-not $metaByName.ContainsKey($name)) {
        Write-Warning "Help: skipped $($file.Name): the module exports no cmdlet $name."
        continue
    }
    try {
        $doc = Read-HelpMarkdown -Path $file.FullName
    }
    catch {
        Write-Warning "Help: skipped $($file.Name): $($_.Exception.Message)"
        continue
    }
    $meta = $metaByName[$name]
    foreach ($p in $doc.Parameters.Keys) {
        if (-not ($meta.Parameters | Where-Object Name -eq $p)) { Write-Warning "Help: $($file.Name) documents -$p, which $name doesn't have." }
    }
    foreach ($p in $meta.Parameters) {
        if (-not $doc.Parameters.ContainsKey($p.Name) -and -not $StandardDescriptions.ContainsKey($p.Name)) {
            Write-Warning "Help: $($file.Name) doesn't describe -$($p.Name)."
        }
    }
    $docs.Add([pscustomobject]@{ Doc = $doc; Meta = $meta })
}

$documented = @($docs | ForEach-Object { $_.Meta.Name })
$undocumented = @($metadata | Where-Object { $documented -notcontains $_.Name } | ForEach-Object Name)
if ($undocumented.Count) {
    Write-Warning "Help: no help source in $SourcePath for $($undocumented -join ', ')."
}

$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
foreach ($group in ($docs | Group-Object { $_.Doc.HelpFile })) {
    $buffer = [IO.MemoryStream]::new()
    $w = [System.Xml.XmlWriter]::Create($buffer, $settings)
    try {
        $w.WriteStartDocument()
        $w.WriteStartElement('helpItems', $NsMsh)
        $w.WriteAttributeString('schema', 'maml')
        foreach ($entry in ($group.Group | Sort-Object { $_.Meta.Name })) { Write-Command $w $entry.Doc $entry.Meta }
        $w.WriteEndElement()
        $w.WriteEndDocument()
    }
    finally { $w.Dispose() }
    $bytes = $buffer.ToArray()
    foreach ($dir in $OutputDirectory) {
        $null = New-Item -ItemType Directory -Force -Path $dir
        $target = Join-Path $dir $group.Name
        [IO.File]::WriteAllBytes($target, $bytes)
        Write-Verbose "Wrote $target"
    }
    Write-Host ("   help: {0} ({1} cmdlets) -> {2} folder(s)" -f $group.Name, $group.Count, @($OutputDirectory).Count)
}
