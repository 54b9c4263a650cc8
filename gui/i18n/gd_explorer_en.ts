<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Plurals</name>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n step</numerusform>
            <numerusform>%n steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n outcome(s)</source>
        <translation>
            <numerusform>%n outcome</numerusform>
            <numerusform>%n outcomes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more attractor(s)</source>
        <translation>
            <numerusform>%n more attractor</numerusform>
            <numerusform>%n more attractors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n setting(s)</source>
        <translation>
            <numerusform>%n setting</numerusform>
            <numerusform>%n settings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n start(s)</source>
        <translation>
            <numerusform>%n start</numerusform>
            <numerusform>%n starts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReplayDialog</name>
    <message numerus="yes">
        <source>Replaying scene… {done} of %Ln steps</source>
        <translation>
            <numerusform>Replaying scene… {done} of %Ln step</numerusform>
            <numerusform>Replaying scene… {done} of %Ln steps</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SwarmMode</name>
    <message numerus="yes">
        <source>&lt;b&gt;%Ln particle(s)&lt;/b&gt; ({what}) × {racers} · step &lt;b&gt;{t}&lt;/b&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;%Ln particle&lt;/b&gt; ({what}) × {racers} · step &lt;b&gt;{t}&lt;/b&gt;</numerusform>
            <numerusform>&lt;b&gt;%Ln particles&lt;/b&gt; ({what}) × {racers} · step &lt;b&gt;{t}&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n racer(s)</source>
        <translation>
            <numerusform>%n racer</numerusform>
            <numerusform>%n racers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UserSurfaces</name>
    <message numerus="yes">
        <source> (and %n more)</source>
        <translation>
            <numerusform> (and %n more)</numerusform>
            <numerusform> (and %n more)</numerusform>
        </translation>
    </message>
</context>
</TS>
