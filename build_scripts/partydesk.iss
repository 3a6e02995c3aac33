; Inno Setup script for the Windows installer of PartyDesk 党建台账.
; Build on Windows after build_scripts\build_windows.ps1 has made dist\PartyDesk:
;     "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 build_scripts\partydesk.iss
; (build_windows.ps1 runs this itself when Inno Setup 6 is installed). Writes
; dist\PartyDesk-<version>-setup.exe. NOT run by this project's CI (Linux only): see README.
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{7C5B7E0E-3D1A-4E55-9F7C-6C1F2B8E0A11}
AppName=PartyDesk 党建台账
AppVersion={#AppVersion}
AppPublisher=PartyDesk
DefaultDirName={autopf}\PartyDesk
DefaultGroupName=PartyDesk 党建台账
OutputDir=..\dist
OutputBaseFilename=PartyDesk-{#AppVersion}-setup
SetupIconFile=..\resources\icons\partydesk.ico
UninstallDisplayIcon={app}\partydesk-gui.exe
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
WizardStyle=modern

[Languages]
Name: "chs"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "在桌面创建快捷方式"; Flags: unchecked

[Files]
Source: "..\dist\PartyDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\PartyDesk 党建台账"; Filename: "{app}\partydesk-gui.exe"
Name: "{group}\卸载 PartyDesk"; Filename: "{uninstallexe}"
Name: "{autodesktop}\PartyDesk 党建台账"; Filename: "{app}\partydesk-gui.exe"; Tasks: desktopicon

[Registry]
; Double-clicking a .partydesk ledger opens it (`partydesk-gui.exe PATH`). Ledgers themselves
; live in the users' folders and are never touched by the uninstaller.
Root: HKA; Subkey: "Software\Classes\.partydesk"; ValueType: string; ValueName: ""; ValueData: "PartyDesk.Ledger"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\PartyDesk.Ledger"; ValueType: string; ValueName: ""; ValueData: "党建台账账本"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\PartyDesk.Ledger\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\partydesk-gui.exe,0"
Root: HKA; Subkey: "Software\Classes\PartyDesk.Ledger\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\partydesk-gui.exe"" ""%1"""

[Run]
Filename: "{app}\partydesk-gui.exe"; Description: "启动 PartyDesk 党建台账"; Flags: nowait postinstall skipifsilent
