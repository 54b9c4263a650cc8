<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>Actions</name>
    <message>
        <source>Play</source>
        <translation>Пуск</translation>
    </message>
    <message>
        <source>Play / pause the race (Space)</source>
        <translation>Запустить / приостановить гонку (Пробел)</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Шаг</translation>
    </message>
    <message>
        <source>Advance every run by one update (→ or S)</source>
        <translation>Продвинуть каждый запуск на одно обновление (→ или S)</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Сброс</translation>
    </message>
    <message>
        <source>Restart every run from its start points (R)</source>
        <translation>Перезапустить каждый запуск из его начальных точек (R)</translation>
    </message>
    <message>
        <source>Explain step…</source>
        <translation>Объяснить шаг…</translation>
    </message>
    <message>
        <source>Decompose the selected run&apos;s next update with its formula and numbers (E)</source>
        <translation>Разобрать следующее обновление выбранного запуска: формула и числа (E)</translation>
    </message>
    <message>
        <source>Add run</source>
        <translation>Добавить запуск</translation>
    </message>
    <message>
        <source>Add a run to the race (Ctrl+N)</source>
        <translation>Добавить запуск в гонку (Ctrl+N)</translation>
    </message>
    <message>
        <source>Duplicate run</source>
        <translation>Дублировать запуск</translation>
    </message>
    <message>
        <source>Copy the selected run (Ctrl+D)</source>
        <translation>Скопировать выбранный запуск (Ctrl+D)</translation>
    </message>
    <message>
        <source>Remove run</source>
        <translation>Удалить запуск</translation>
    </message>
    <message>
        <source>Remove the selected run (Del)</source>
        <translation>Удалить выбранный запуск (Del)</translation>
    </message>
    <message>
        <source>Log colour scale</source>
        <translation>Логарифмическая шкала цвета</translation>
    </message>
    <message>
        <source>Colour the surface by log(f − f_min) (L)</source>
        <translation>Раскрасить поверхность по log(f − f_min) (L)</translation>
    </message>
    <message>
        <source>Fit view</source>
        <translation>Показать целиком</translation>
    </message>
    <message>
        <source>Show the surface&apos;s whole domain again after zooming (F)</source>
        <translation>Снова показать всю область поверхности после масштабирования (F)</translation>
    </message>
    <message>
        <source>Show the {what} at each run&apos;s head ({key})</source>
        <translation>Показать: {what} у текущей точки каждого запуска ({key})</translation>
    </message>
</context>
<context>
    <name>Advice</name>
    <message>
        <source>{before} is now {after}: {surface} has no examples to sample, so its gradient gets Gaussian noise instead</source>
        <translation>{before} теперь {after}: у поверхности «{surface}» нет наблюдений для выборки, поэтому её градиент вместо этого получает гауссов шум</translation>
    </message>
    <message>
        <source>{name}: η = {lr} diverges at step {step} here</source>
        <translation>{name}: с η = {lr} здесь расходится на шаге {step}</translation>
    </message>
    <message>
        <source>{name}: η = {lr} diverges at step {step} here; try η = {rate}</source>
        <translation>{name}: с η = {lr} здесь расходится на шаге {step}; попробуйте η = {rate}</translation>
    </message>
</context>
<context>
    <name>BasinOverlay</name>
    <message>
        <source>stalled at a saddle</source>
        <translation>застрял в седле</translation>
    </message>
    <message>
        <source>stalled at a degenerate point</source>
        <translation>застрял в вырожденной точке</translation>
    </message>
    <message>
        <source>stuck on a maximum</source>
        <translation>застрял на максимуме</translation>
    </message>
    <message>
        <source>({x}, {y})</source>
        <translation>({x}; {y})</translation>
    </message>
    <message>
        <source> (found)</source>
        <translation> (найдено)</translation>
    </message>
    <message>
        <source>minimum at {where}{found}, f = {value}</source>
        <translation>минимум в {where}{found}, f = {value}</translation>
    </message>
    <message>
        <source>{kind} {where}{found}</source>
        <translation>{kind} {where}{found}</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>разошёлся</translation>
    </message>
    <message>
        <source>still moving</source>
        <translation>ещё движется</translation>
    </message>
</context>
<context>
    <name>BasinsPanel</name>
    <message>
        <source>visible view</source>
        <translation>видимая часть</translation>
    </message>
    <message>
        <source>whole surface</source>
        <translation>вся поверхность</translation>
    </message>
    <message>
        <source>Start a run from every cell of a grid over this area</source>
        <translation>Запустить оптимизатор из каждой клетки сетки над этой областью</translation>
    </message>
    <message>
        <source> × grid</source>
        <translation> × сетка</translation>
    </message>
    <message>
        <source>Starts per side: grid² runs in one vectorized batch</source>
        <translation>Начальных точек на сторону: grid² запусков одним векторизованным пакетом</translation>
    </message>
    <message>
        <source> steps</source>
        <translation> шагов</translation>
    </message>
    <message>
        <source>Updates each start takes before its end point is classified</source>
        <translation>Сколько обновлений делает каждая начальная точка, прежде чем её конечная точка классифицируется</translation>
    </message>
    <message>
        <source>Compute basin map</source>
        <translation>Построить карту областей</translation>
    </message>
    <message>
        <source>Run the selected run&apos;s optimizer from every grid cell</source>
        <translation>Запустить оптимизатор выбранного запуска из каждой клетки сетки</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Stop the computation; nothing is kept</source>
        <translation>Остановить вычисление; ничего не сохраняется</translation>
    </message>
    <message>
        <source>show overlay</source>
        <translation>показать наложение</translation>
    </message>
    <message>
        <source>Draw the basin map over the surface</source>
        <translation>Нарисовать карту областей притяжения поверх поверхности</translation>
    </message>
    <message>
        <source>Overlay opacity</source>
        <translation>Непрозрачность наложения</translation>
    </message>
    <message>
        <source>area</source>
        <translation>область</translation>
    </message>
    <message>
        <source>starts</source>
        <translation>начала</translation>
    </message>
    <message>
        <source>each</source>
        <translation>каждое</translation>
    </message>
    <message>
        <source>opacity</source>
        <translation>непрозрачность</translation>
    </message>
    <message>
        <source>Failed: {m}</source>
        <translation>Ошибка: {m}</translation>
    </message>
    <message>
        <source>Add a run first: the map uses its optimizer.</source>
        <translation>Сначала добавьте запуск: карта строится его оптимизатором.</translation>
    </message>
    <message>
        <source>Computing {grid}×{grid} starts × {steps} of {name}…</source>
        <translation>Вычисляется {grid}×{grid} начальных точек × {steps} для {name}…</translation>
    </message>
    <message>
        <source>{name}: {grid}×{grid} starts × {steps}, computed in {compute} s ({drawn} s until drawn).</source>
        <translation>{name}: {grid}×{grid} начальных точек × {steps}, вычислено за {compute} с ({drawn} с до отрисовки).</translation>
    </message>
    <message>
        <source>The surface changed while computing: no map drawn.</source>
        <translation>Поверхность изменилась во время вычисления: карта не нарисована.</translation>
    </message>
    <message>
        <source>&lt;table cellspacing=&apos;2&apos;&gt;{rows}&lt;/table&gt;</source>
        <translation>&lt;table cellspacing=&apos;2&apos;&gt;{rows}&lt;/table&gt;</translation>
    </message>
    <message>
        <source>New surface: compute a map for it.</source>
        <translation>Новая поверхность: постройте для неё карту.</translation>
    </message>
    <message>
        <source>No run to map.</source>
        <translation>Нет запуска для карты.</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:{colour}&apos;&gt;■&lt;/b&gt; &lt;b&gt;{name}&lt;/b&gt;, lr {lr:.3g} (the selected run) from every start of a grid</source>
        <translation>&lt;b style=&apos;color:{colour}&apos;&gt;■&lt;/b&gt; &lt;b&gt;{name}&lt;/b&gt;, η {lr:.3g} (выбранный запуск) из каждой начальной точки сетки</translation>
    </message>
    <message>
        <source>The run changed since this map: compute again to update it.</source>
        <translation>Запуск изменился после построения карты: постройте её заново.</translation>
    </message>
    <message>
        <source>Basins of attraction</source>
        <translation>Области притяжения</translation>
    </message>
    <message>
        <source>Basin map</source>
        <translation>Карта областей притяжения</translation>
    </message>
    <message>
        <source>Colour every start by where the selected run&apos;s optimizer ends (Ctrl+B)</source>
        <translation>Раскрасить каждую начальную точку по тому, куда приходит оптимизатор выбранного запуска (Ctrl+B)</translation>
    </message>
</context>
<context>
    <name>Critical</name>
    <message>
        <source>minimum</source>
        <translation>минимум</translation>
    </message>
    <message>
        <source>maximum</source>
        <translation>максимум</translation>
    </message>
    <message>
        <source>saddle</source>
        <translation>седловая точка</translation>
    </message>
    <message>
        <source>degenerate</source>
        <translation>вырожденная точка</translation>
    </message>
</context>
<context>
    <name>DataView</name>
    <message>
        <source>This surface has no examples to show (a data-defined one has).</source>
        <translation>У этой поверхности нет наблюдений для показа (они есть у поверхностей, заданных данными).</translation>
    </message>
    <message>
        <source>data, lines y = w₀ + w₁t</source>
        <translation>данные, прямые y = w₀ + w₁t</translation>
    </message>
    <message>
        <source>t (input)</source>
        <translation>t (вход)</translation>
    </message>
    <message>
        <source>y (target)</source>
        <translation>y (цель)</translation>
    </message>
    <message>
        <source>data, boundaries w₀x₁ + w₁x₂ = 0</source>
        <translation>данные, границы w₀x₁ + w₁x₂ = 0</translation>
    </message>
    <message>
        <source>n = {v0} · ringed: used by the last SGD / mini-batch step</source>
        <translation>n = {v0} · в кружке: взятые последним шагом SGD / мини-батча</translation>
    </message>
</context>
<context>
    <name>DrawPanel</name>
    <message>
        <source>drag: {} · wheel: brush · drag a dot: move · Del: delete</source>
        <translation>тяните: {} · колесо: кисть · тяните точку: сдвиг · Del: удалить</translation>
    </message>
    <message>
        <source>dig a well (longer = deeper)</source>
        <translation>выкопать яму (дольше = глубже)</translation>
    </message>
    <message>
        <source>raise a hill (longer = higher)</source>
        <translation>насыпать холм (дольше = выше)</translation>
    </message>
    <message>
        <source>✎ Draw</source>
        <translation>✎ Рисовать</translation>
    </message>
    <message>
        <source>Well</source>
        <translation>Яма</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Сохранить…</translation>
    </message>
</context>
<context>
    <name>DrawTool</name>
    <message>
        <source>Draw mode (D): press on the surface and drag — the longer the drag, the deeper the well
(or the higher the hill); a plain click adds one of the brush&apos;s size. Drag a bump&apos;s dot to
move it, click a dot to select it, mouse wheel over it to resize it, Del/Backspace deletes
it, Esc deselects. Elsewhere the wheel changes the brush width (the dashed circle).
Ctrl+Z / Ctrl+Shift+Z undo and redo. Clicks do not restart runs while drawing; press D
again to leave (zoom and pan come back).</source>
        <translation>Режим рисования (D): нажмите на поверхность и тяните — чем дольше, тем глубже яма
(или выше холм); простой щелчок добавляет одну неровность размером с кисть. Тяните точку
неровности, чтобы сдвинуть её, щёлкните точку, чтобы выбрать, колесо над ней меняет размер,
Del/Backspace удаляет, Esc снимает выбор. В остальных местах колесо меняет ширину кисти
(пунктирный круг). Ctrl+Z / Ctrl+Shift+Z — отменить и повторить. Во время рисования щелчки
не перезапускают запуски; нажмите D ещё раз, чтобы выйти (масштаб и сдвиг вернутся).</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>Рисовать</translation>
    </message>
    <message>
        <source>Draw mode: drag to dig wells or raise hills (D)</source>
        <translation>Режим рисования: тяните, чтобы копать ямы или насыпать холмы (D)</translation>
    </message>
    <message>
        <source>Hill</source>
        <translation>Холм</translation>
    </message>
    <message>
        <source>Off: drawing digs wells (▼). On: drawing raises hills (▲).</source>
        <translation>Выкл.: рисование копает ямы (▼). Вкл.: насыпает холмы (▲).</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <source>Undo the last edit of the drawing (Ctrl+Z)</source>
        <translation>Отменить последнюю правку рисунка (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <source>Redo (Ctrl+Shift+Z)</source>
        <translation>Повторить (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <source>Delete bump</source>
        <translation>Удалить неровность</translation>
    </message>
    <message>
        <source>Delete the selected bump (Del or Backspace)</source>
        <translation>Удалить выбранную неровность (Del или Backspace)</translation>
    </message>
    <message>
        <source>Deselect bump</source>
        <translation>Снять выбор неровности</translation>
    </message>
    <message>
        <source>Draw mode: drag to dig a well, wheel sets the brush (D leaves)</source>
        <translation>Режим рисования: тяните, чтобы выкопать яму, колесо задаёт кисть (D — выход)</translation>
    </message>
    <message>
        <source>Well</source>
        <translation>Яма</translation>
    </message>
    <message>
        <source>Move bump</source>
        <translation>Сдвинуть неровность</translation>
    </message>
    <message>
        <source>Add hill</source>
        <translation>Добавить холм</translation>
    </message>
    <message>
        <source>Dig well</source>
        <translation>Выкопать яму</translation>
    </message>
    <message>
        <source>Resize bump</source>
        <translation>Изменить размер неровности</translation>
    </message>
</context>
<context>
    <name>Estimate</name>
    <message>
        <source>mini-batch {m}</source>
        <translation>мини-батч {m}</translation>
    </message>
    <message>
        <source>noise σ={s}</source>
        <translation>шум σ={s}</translation>
    </message>
    <message>
        <source>one sample</source>
        <translation>одно наблюдение</translation>
    </message>
    <message>
        <source>full batch</source>
        <translation>полный батч</translation>
    </message>
</context>
<context>
    <name>Explain</name>
    <message>
        <source>per-coordinate divisor</source>
        <translation>делитель по координатам</translation>
    </message>
    <message>
        <source>decay w ← w (1 − η λ): w shrinks by η λ w = {v}</source>
        <translation>затухание w ← w (1 − η λ): w уменьшается на η λ w = {v}</translation>
    </message>
    <message>
        <source>running max {gv}̂ = {v}</source>
        <translation>текущий максимум {gv}̂ = {v}</translation>
    </message>
    <message>
        <source>bias correction 1−β₁ᵗ = {c1}, 1−β₂ᵗ = {c2}  (t = {t})</source>
        <translation>поправка на смещение 1−β₁ᵗ = {c1}, 1−β₂ᵗ = {c2}  (t = {t})</translation>
    </message>
    <message>
        <source>step = {v}</source>
        <translation>шаг = {v}</translation>
    </message>
    <message>
        <source>look-ahead</source>
        <translation>заглядывание вперёд</translation>
    </message>
    <message>
        <source>eigenvalues {v}</source>
        <translation>собственные значения {v}</translation>
    </message>
    <message>
        <source>curvatures used {v}  (ε = {eps})</source>
        <translation>используемые кривизны {v}  (ε = {eps})</translation>
    </message>
    <message>
        <source>centered</source>
        <translation>центрированный</translation>
    </message>
    <message>
        <source>full batch</source>
        <translation>полный батч</translation>
    </message>
    <message>
        <source>one sample</source>
        <translation>одно наблюдение</translation>
    </message>
    <message>
        <source>mini-batch {m}</source>
        <translation>мини-батч {m}</translation>
    </message>
    <message>
        <source>step t = {t},  w = {w}</source>
        <translation>шаг t = {t},  w = {w}</translation>
    </message>
    <message>
        <source>new w = {w} − {step} = {new}</source>
        <translation>новое w = {w} − {step} = {new}</translation>
    </message>
    <message>
        <source>this point diverged: it no longer moves</source>
        <translation>эта точка разошлась: она больше не движется</translation>
    </message>
    <message>
        <source>result: w = {w}   (moved {d})</source>
        <translation>итог: w = {w}   (сдвиг {d})</translation>
    </message>
</context>
<context>
    <name>ExplainDialog</name>
    <message>
        <source>Explain the next step</source>
        <translation>Объяснение следующего шага</translation>
    </message>
    <message>
        <source>Step →</source>
        <translation>Шаг →</translation>
    </message>
    <message>
        <source>Take this step (the whole race advances by one update)</source>
        <translation>Сделать этот шаг (вся гонка продвинется на одно обновление)</translation>
    </message>
    <message>
        <source>{name} · start 1</source>
        <translation>{name} · начало 1</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{colour}; font-size:14pt&apos;&gt;■&lt;/span&gt; &lt;b&gt;{run_name}&lt;/b&gt; — the next update</source>
        <translation>&lt;span style=&apos;color:{colour}; font-size:14pt&apos;&gt;■&lt;/span&gt; &lt;b&gt;{run_name}&lt;/b&gt; — следующее обновление</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{colour}; font-size:14pt&apos;&gt;■&lt;/span&gt; &lt;b&gt;{run_name}&lt;/b&gt; — {rule}, the next update</source>
        <translation>&lt;span style=&apos;color:{colour}; font-size:14pt&apos;&gt;■&lt;/span&gt; &lt;b&gt;{run_name}&lt;/b&gt; — {rule}, следующее обновление</translation>
    </message>
</context>
<context>
    <name>ExplorerTab</name>
    <message>
        <source>Choose a loss surface</source>
        <translation>Выберите поверхность потерь</translation>
    </message>
    <message>
        <source>log colour scale</source>
        <translation>логарифмическая шкала</translation>
    </message>
    <message>
        <source>Colour the surface by log(f − f_min): shows detail near the minimum when a few peaks dominate (L)</source>
        <translation>Раскрасить поверхность по log(f − f_min): видны детали у минимума, когда преобладают несколько пиков (L)</translation>
    </message>
    <message>
        <source>Save surface as preset…</source>
        <translation>Сохранить поверхность…</translation>
    </message>
    <message>
        <source>Surface</source>
        <translation>Поверхность</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Запуски</translation>
    </message>
    <message>
        <source>Learning-rate schedule</source>
        <translation>Расписание скорости обучения</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Пуск</translation>
    </message>
    <message>
        <source>Save the typed or drawn surface under a name; it is listed under “Your surfaces”.</source>
        <translation>Сохранить введённую или нарисованную поверхность под именем; она появится в разделе «Ваши поверхности».</translation>
    </message>
</context>
<context>
    <name>ExportActions</name>
    <message>
        <source>Export image…</source>
        <translation>Экспорт изображения…</translation>
    </message>
    <message>
        <source>Save the plot with a legend of runs as PNG (2× for slides) or SVG (Ctrl+E)</source>
        <translation>Сохранить график с легендой запусков в PNG (2× для слайдов) или SVG (Ctrl+E)</translation>
    </message>
    <message>
        <source>Export animation…</source>
        <translation>Экспорт анимации…</translation>
    </message>
    <message>
        <source>Save the race from step 0 to now as an MP4 video or a looping GIF (Ctrl+Shift+E)</source>
        <translation>Сохранить гонку от шага 0 до текущего как видео MP4 или зацикленный GIF (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <source>Export trajectories…</source>
        <translation>Экспорт траекторий…</translation>
    </message>
    <message>
        <source>Save every run&apos;s path as CSV or JSON (step, x, y, loss, lr, as `trace`)</source>
        <translation>Сохранить траекторию каждого запуска в CSV или JSON (step, x, y, loss, lr, как `trace`)</translation>
    </message>
    <message>
        <source>Copy as PyTorch code</source>
        <translation>Копировать как код PyTorch</translation>
    </message>
    <message>
        <source>Copy a script that reproduces the selected run with torch.optim (Ctrl+Shift+C)</source>
        <translation>Скопировать скрипт, воспроизводящий выбранный запуск с torch.optim (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Сохранено: {path}</translation>
    </message>
    <message>
        <source>Export trajectories</source>
        <translation>Экспорт траекторий</translation>
    </message>
    <message>
        <source>CSV (*.csv);;JSON (*.json)</source>
        <translation>CSV (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Экспорт не удался</translation>
    </message>
    <message>
        <source>Saved {v0}{more}</source>
        <translation>Сохранено: {v0}{more}</translation>
    </message>
    <message>
        <source>No run to copy</source>
        <translation>Нет запуска для копирования</translation>
    </message>
    <message>
        <source>Copied PyTorch code for {name} to the clipboard</source>
        <translation>Код PyTorch для {name} скопирован в буфер обмена</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>PNG image</source>
        <translation>Изображение PNG</translation>
    </message>
    <message>
        <source>SVG vector drawing</source>
        <translation>Векторный рисунок SVG</translation>
    </message>
    <message>
        <source>Animated GIF (step 0 → now)</source>
        <translation>Анимированный GIF (шаг 0 → сейчас)</translation>
    </message>
    <message>
        <source>MP4 video, H.264 (step 0 → now)</source>
        <translation>Видео MP4, H.264 (шаг 0 → сейчас)</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Тёмная</translation>
    </message>
    <message>
        <source>Light (white: print, bright rooms)</source>
        <translation>Светлая (белая: печать, светлые залы)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Экспорт</translation>
    </message>
    <message>
        <source>PNG: a picture at the chosen size · SVG: lines and text stay sharp at any zoom · GIF: the race replayed from step 0 to now, looping</source>
        <translation>PNG: картинка выбранного размера · SVG: линии и текст чёткие при любом масштабе · GIF: гонка от шага 0 до текущего, по кругу</translation>
    </message>
    <message>
        <source>custom</source>
        <translation>свой</translation>
    </message>
    <message>
        <source>{k} × the plot&apos;s size on screen ({w} × {h} px); 2× or more for slides</source>
        <translation>{k} × размер графика на экране ({w} × {h} пикс.); для слайдов 2× и больше</translation>
    </message>
    <message>
        <source>{k} × the plot&apos;s size on screen ({w} × {h} px)</source>
        <translation>{k} × размер графика на экране ({w} × {h} пикс.)</translation>
    </message>
    <message>
        <source>Any width and height in pixels</source>
        <translation>Любая ширина и высота в пикселях</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Ширина</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>Высота</translation>
    </message>
    <message>
        <source> px</source>
        <translation> пикс.</translation>
    </message>
    <message>
        <source>{what} of the exported picture in pixels</source>
        <translation>{what} картинки в пикселях</translation>
    </message>
    <message>
        <source>Dark as on screen, or light: a white figure with dark text and a colour map that prints well (slides on a projector, paper)</source>
        <translation>Тёмная, как на экране, или светлая: белый рисунок с тёмным текстом и палитрой, хорошо видной при печати (слайды на проекторе, бумага)</translation>
    </message>
    <message>
        <source>legend of runs and hyperparameters</source>
        <translation>легенда запусков и гиперпараметров</translation>
    </message>
    <message>
        <source>Leave it out for a clean picture of the paths alone</source>
        <translation>Без неё — чистая картинка одних траекторий</translation>
    </message>
    <message>
        <source>automatic (about 6 s)</source>
        <translation>автоматически (около 6 с)</translation>
    </message>
    <message>
        <source> frames/s</source>
        <translation> кадр/с</translation>
    </message>
    <message>
        <source>Frame rate of the animation; automatic plays it in about 6 seconds</source>
        <translation>Частота кадров анимации; автоматически — около 6 секунд</translation>
    </message>
    <message>
        <source>Where to save; the extension follows the format</source>
        <translation>Куда сохранить; расширение следует формату</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <source>Choose the file with a file dialog</source>
        <translation>Выбрать файл в диалоге</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Формат</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Тема</translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation>Частота кадров</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <source> (the drawing&apos;s size; it stays sharp at any zoom)</source>
        <translation> (размер рисунка; он чёткий при любом масштабе)</translation>
    </message>
    <message>
        <source> (a video&apos;s sides are even)</source>
        <translation> (стороны видео чётные)</translation>
    </message>
    <message>
        <source>{w} × {h} px{note}</source>
        <translation>{w} × {h} пикс.{note}</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Экспортировать в</translation>
    </message>
</context>
<context>
    <name>FirstHint</name>
    <message>
        <source>Click the surface to set a start, Space to play</source>
        <translation>Щелчок — начальная точка; пробел — пуск</translation>
    </message>
    <message>
        <source>Shift+click adds more starts; F1 lists every key</source>
        <translation>Shift+щелчок добавляет начальные точки; F1 — все клавиши</translation>
    </message>
</context>
<context>
    <name>Formula</name>
    <message>
        <source>allowed: numbers, x, y, pi, e, + - * / ** ^, ( ) and the functions {functions}</source>
        <translation>допустимы: числа, x, y, pi, e, + - * / ** ^, ( ) и функции {functions}</translation>
    </message>
    <message>
        <source>empty formula; type an expression in x and y, e.g. {example}</source>
        <translation>пустая формула; введите выражение от x и y, например {example}</translation>
    </message>
    <message>
        <source>write 2*x, not 2x</source>
        <translation>пишите 2*x, а не 2x</translation>
    </message>
    <message>
        <source>e.g. {example}</source>
        <translation>например {example}</translation>
    </message>
    <message>
        <source>syntax error at column {col}: {msg}; {hint}</source>
        <translation>синтаксическая ошибка в столбце {col}; {hint}</translation>
    </message>
    <message>
        <source>{what} at column {col}</source>
        <translation>{what} (столбец {col})</translation>
    </message>
    <message>
        <source>operator &apos;{sym}&apos; is not allowed</source>
        <translation>оператор &apos;{sym}&apos; недопустим</translation>
    </message>
    <message>
        <source>call it like {name}(x)</source>
        <translation>вызывайте её так: {name}(x)</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is a function</source>
        <translation>&apos;{name}&apos; — функция</translation>
    </message>
    <message>
        <source>unknown name &apos;{name}&apos;</source>
        <translation>неизвестное имя &apos;{name}&apos;</translation>
    </message>
    <message>
        <source>only the listed functions can be called</source>
        <translation>вызывать можно только перечисленные функции</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not a function</source>
        <translation>&apos;{name}&apos; — не функция</translation>
    </message>
    <message>
        <source>unknown function &apos;{name}&apos;</source>
        <translation>неизвестная функция &apos;{name}&apos;</translation>
    </message>
    <message>
        <source>keyword arguments are not allowed</source>
        <translation>именованные аргументы недопустимы</translation>
    </message>
</context>
<context>
    <name>FormulaBox</name>
    <message>
        <source>Type a loss surface f(x, y), e.g. x**2 - y**2 + 0.3*sin(3*x).
It is checked as you type and shown as soon as it is valid (or press Enter).
{allowed}.
^ also means power; runs keep their start points.</source>
        <translation>Введите поверхность потерь f(x, y), например x**2 - y**2 + 0.3*sin(3*x).
Она проверяется по мере ввода и показывается, как только верна (или нажмите Enter).
{allowed}.
^ тоже означает степень; запуски сохраняют свои начальные точки.</translation>
    </message>
    <message>
        <source>x min</source>
        <translation>x мин</translation>
    </message>
    <message>
        <source>x max</source>
        <translation>x макс</translation>
    </message>
    <message>
        <source>y min</source>
        <translation>y мин</translation>
    </message>
    <message>
        <source>y max</source>
        <translation>y макс</translation>
    </message>
    <message>
        <source>f(x, y), e.g. {example}</source>
        <translation>f(x, y), напр. {example}</translation>
    </message>
    <message>
        <source>{what} of the domain</source>
        <translation>{what} области</translation>
    </message>
    <message>
        <source>a finite number; min &lt; max</source>
        <translation>конечное число; мин &lt; макс</translation>
    </message>
    <message>
        <source>domain  x</source>
        <translation>область  x</translation>
    </message>
    <message>
        <source>{what} must be a finite number, got &apos;{text}&apos;</source>
        <translation>{what}: нужно конечное число, получено &apos;{text}&apos;</translation>
    </message>
    <message>
        <source>{axis} range: min must be below max</source>
        <translation>диапазон {axis}: мин должен быть меньше макс</translation>
    </message>
</context>
<context>
    <name>GradNormPlot</name>
    <message>
        <source>‖(∂L/∂W, ∂L/∂b)‖ per layer, biases included (log₁₀)</source>
        <translation>‖(∂L/∂W, ∂L/∂b)‖ по слоям, со смещениями (log₁₀)</translation>
    </message>
    <message>
        <source>log₁₀ ‖(∂L/∂W, ∂L/∂b)‖</source>
        <translation>log₁₀ ‖(∂L/∂W, ∂L/∂b)‖</translation>
    </message>
    <message>
        <source>layer {i}</source>
        <translation>слой {i}</translation>
    </message>
</context>
<context>
    <name>HelpKeys</name>
    <message>
        <source>Keyboard and mouse</source>
        <translation>Клавиатура и мышь</translation>
    </message>
    <message>
        <source>Mouse</source>
        <translation>Мышь</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>Клавиатура</translation>
    </message>
    <message>
        <source>Click the surface</source>
        <translation>Щелчок по поверхности</translation>
    </message>
    <message>
        <source>every enabled run restarts there</source>
        <translation>каждый включённый запуск начинается заново оттуда</translation>
    </message>
    <message>
        <source>add another start point</source>
        <translation>ещё одна начальная точка</translation>
    </message>
    <message>
        <source>Shift+click</source>
        <translation>Shift+щелчок</translation>
    </message>
    <message>
        <source>the start lands exactly on the nearest axis or saddle line</source>
        <translation>начало ложится точно на ближайшую ось или линию седла</translation>
    </message>
    <message>
        <source>Ctrl+click</source>
        <translation>Ctrl+щелчок</translation>
    </message>
    <message>
        <source>Drag a start marker</source>
        <translation>Перетащить маркер начала</translation>
    </message>
    <message>
        <source>move that start</source>
        <translation>сдвинуть это начало</translation>
    </message>
    <message>
        <source>Wheel / drag</source>
        <translation>Колесо / перетаскивание</translation>
    </message>
    <message>
        <source>zoom / pan the surface</source>
        <translation>масштаб / сдвиг поверхности</translation>
    </message>
    <message>
        <source>Draw mode (D)</source>
        <translation>Режим рисования (D)</translation>
    </message>
    <message>
        <source>drag to dig a well or raise a hill; the wheel sets the brush, or resizes the bump under the cursor; drag a bump&apos;s dot to move it</source>
        <translation>тяните, чтобы выкопать яму или насыпать холм; колесо задаёт кисть или меняет размер неровности под курсором; тяните точку неровности, чтобы сдвинуть её</translation>
    </message>
    <message>
        <source> or </source>
        <translation> или </translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Прочее</translation>
    </message>
</context>
<context>
    <name>Hyper</name>
    <message>
        <source>momentum α</source>
        <translation>инерция α</translation>
    </message>
    <message>
        <source>momentum α (PyTorch μ) in [0, 1): how much of the velocity is kept</source>
        <translation>инерция α (в PyTorch μ) из [0, 1): какая доля инерции h сохраняется</translation>
    </message>
    <message>
        <source>decay α</source>
        <translation>затухание α</translation>
    </message>
    <message>
        <source>RMSprop decay α in [0, 1) of the squared-gradient average G</source>
        <translation>затухание α из [0, 1) среднего квадратов градиента G в RMSprop</translation>
    </message>
    <message>
        <source>Adam β₁ in [0, 1): decay of the gradient average</source>
        <translation>β₁ в Adam из [0, 1): затухание среднего градиента (первый момент)</translation>
    </message>
    <message>
        <source>Adam β₂ in [0, 1): decay of the squared-gradient average</source>
        <translation>β₂ в Adam из [0, 1): затухание среднего квадратов градиента (второй момент)</translation>
    </message>
    <message>
        <source>ε &gt; 0: inside the root (textbook) or added to it (PyTorch); Newton: the smallest curvature used</source>
        <translation>ε &gt; 0: под корнем (учебник) или прибавляется к нему (PyTorch); в методе Ньютона — наименьшая используемая кривизна</translation>
    </message>
    <message>
        <source>weight decay λ</source>
        <translation>затухание весов λ</translation>
    </message>
    <message>
        <source>weight decay λ ≥ 0: λw added to the gradient (AdamW: decoupled, w ← w(1 − ηλ))</source>
        <translation>затухание весов λ ≥ 0: λw прибавляется к градиенту (AdamW: отдельно, w ← w(1 − ηλ))</translation>
    </message>
    <message>
        <source>momentum μ</source>
        <translation>инерция μ</translation>
    </message>
    <message>
        <source>RMSprop momentum μ in [0, 1): accumulates the scaled gradient (torch.optim.RMSprop)</source>
        <translation>инерция μ в RMSprop из [0, 1): накапливает масштабированный градиент (torch.optim.RMSprop)</translation>
    </message>
    <message>
        <source>centered</source>
        <translation>центрированный</translation>
    </message>
    <message>
        <source>RMSprop: divide by the centred variance G − ḡ² (torch.optim.RMSprop centered=True)</source>
        <translation>RMSprop: делить на центрированную дисперсию G − ḡ² (torch.optim.RMSprop centered=True)</translation>
    </message>
    <message>
        <source>bias correction</source>
        <translation>поправка на смещение</translation>
    </message>
    <message>
        <source>Adam: divide by 1−β₁ᵗ and 1−β₂ᵗ (as in the paper and PyTorch)</source>
        <translation>Adam: делить на 1−β₁ᵗ и 1−β₂ᵗ (как в статье и в PyTorch)</translation>
    </message>
</context>
<context>
    <name>HyperControls</name>
    <message>
        <source>learning rate η (log slider; type an exact value in the box)</source>
        <translation>скорость обучения η (логарифмический ползунок; точное значение можно ввести в поле)</translation>
    </message>
    <message>
        <source>learning rate η</source>
        <translation>скорость обучения η</translation>
    </message>
    <message>
        <source>drag to change {label} (the box above takes an exact value)</source>
        <translation>тяните, чтобы изменить {label} (в поле выше можно ввести точное значение)</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <source>Menus and panels change on the next start; lessons at once</source>
        <translation>Меню и панели сменятся при следующем запуске, уроки — сразу</translation>
    </message>
    <message>
        <source>(applies after a restart)</source>
        <translation>(вступает в силу после перезапуска)</translation>
    </message>
    <message>
        <source>Language: {name}. Restart the app to see the menus and panels in it.</source>
        <translation>Язык: {name}. Перезапустите приложение, чтобы увидеть на нём меню и панели.</translation>
    </message>
</context>
<context>
    <name>LegendTable</name>
    <message>
        <source>run</source>
        <translation>запуск</translation>
    </message>
    <message>
        <source>step</source>
        <translation>шаг</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>потери</translation>
    </message>
    <message>
        <source>lr</source>
        <translation>η</translation>
    </message>
    <message>
        <source>status</source>
        <translation>состояние</translation>
    </message>
    <message>
        <source>the run&apos;s colour</source>
        <translation>цвет запуска</translation>
    </message>
    <message>
        <source>run (and start point)</source>
        <translation>запуск (и начальная точка)</translation>
    </message>
    <message>
        <source>updates taken</source>
        <translation>сделано обновлений</translation>
    </message>
    <message>
        <source>f at the current point</source>
        <translation>f в текущей точке</translation>
    </message>
    <message>
        <source>gradient norm at the current point</source>
        <translation>норма градиента в текущей точке</translation>
    </message>
    <message>
        <source>learning rate of the next update</source>
        <translation>скорость обучения следующего обновления</translation>
    </message>
    <message>
        <source>moving, converged (global / local minimum), stalled at a saddle, or diverged</source>
        <translation>движется, сошёлся (глобальный / локальный минимум), застрял в седловой точке или разошёлся</translation>
    </message>
    <message>
        <source>One row per run point: click a row to select its run (hover a column title for what it shows)</source>
        <translation>Строка на каждую точку запуска: щёлкните строку, чтобы выбрать её запуск (наведите на заголовок столбца — что он показывает)</translation>
    </message>
</context>
<context>
    <name>Lessons</name>
    <message>
        <source>Lessons</source>
        <translation>Уроки</translation>
    </message>
</context>
<context>
    <name>LessonsPanel</name>
    <message>
        <source>Language of the lessons</source>
        <translation>Язык уроков</translation>
    </message>
    <message>
        <source>The lecture&apos;s agenda: ✓ marks a lesson whose tasks are all done</source>
        <translation>План лекции: ✓ отмечает урок, все задания которого выполнены</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ Назад</translation>
    </message>
    <message>
        <source>Start lesson</source>
        <translation>Начать урок</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>Дальше ▶</translation>
    </message>
    <message>
        <source>Back to my work</source>
        <translation>Вернуться к своей работе</translation>
    </message>
    <message>
        <source>Put back the scene you had before the lessons, exactly</source>
        <translation>Вернуть в точности ту сцену, что была до уроков</translation>
    </message>
    <message>
        <source>Load this lesson&apos;s scene into its tab</source>
        <translation>Загрузить сцену этого урока в его вкладку</translation>
    </message>
    <message>
        <source>Lecture: 50 shades of gradient descent</source>
        <translation>Лекция: 50 оттенков градиентного спуска</translation>
    </message>
    <message>
        <source>Try this:</source>
        <translation>Попробуйте:</translation>
    </message>
    <message>
        <source>Restart lesson</source>
        <translation>Начать урок заново</translation>
    </message>
</context>
<context>
    <name>LogSlider</name>
    <message>
        <source>the learning rate must be a number from 0 to {MAX_TYPED:g}</source>
        <translation>скорость обучения должна быть числом от 0 до {MAX_TYPED:g}</translation>
    </message>
</context>
<context>
    <name>LossCurvePlot</name>
    <message>
        <source>loss (full batch)</source>
        <translation>потери (полный батч)</translation>
    </message>
    <message>
        <source>update</source>
        <translation>обновление</translation>
    </message>
</context>
<context>
    <name>LrSweepPage</name>
    <message>
        <source> rates</source>
        <translation> значений</translation>
    </message>
    <message>
        <source> steps</source>
        <translation> шагов</translation>
    </message>
    <message>
        <source>Include {v0} in the sweep</source>
        <translation>Включить {v0} в перебор</translation>
    </message>
    <message>
        <source>smallest learning rate η swept (rates are spaced evenly in log η)</source>
        <translation>наименьшая скорость обучения η перебора (значения равномерны по log η)</translation>
    </message>
    <message>
        <source>largest learning rate η swept</source>
        <translation>наибольшая скорость обучения η перебора</translation>
    </message>
    <message>
        <source>how many learning rates between the two ends</source>
        <translation>сколько значений скорости обучения между концами</translation>
    </message>
    <message>
        <source>updates each run takes before its final loss is read</source>
        <translation>сколько обновлений делает каждый запуск до того, как считываются итоговые потери</translation>
    </message>
    <message>
        <source>Run sweep</source>
        <translation>Запустить перебор</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Отменено.</translation>
    </message>
    <message>
        <source>Failed: {m}</source>
        <translation>Ошибка: {m}</translation>
    </message>
    <message>
        <source>η from</source>
        <translation>η от</translation>
    </message>
    <message>
        <source>to</source>
        <translation>до</translation>
    </message>
    <message>
        <source>Tick at least one rule.</source>
        <translation>Отметьте хотя бы один метод.</translation>
    </message>
    <message>
        <source>The first learning rate must be below the last.</source>
        <translation>Первая скорость обучения должна быть меньше последней.</translation>
    </message>
    <message>
        <source>Sweeping {v0} rates × {v1} rules from {start}…</source>
        <translation>Перебор: {v0} значений скорости × {v1} методов из {start}…</translation>
    </message>
    <message>
        <source>The surface changed while sweeping: run it again.</source>
        <translation>Поверхность изменилась во время перебора: запустите его снова.</translation>
    </message>
    <message>
        <source>From ({x}, {y}), {steps} of full batch per rate, f* = {fs}; × = diverged. Computed in {compute_seconds} s.</source>
        <translation>Из ({x}, {y}), {steps} полного батча на значение, f* = {fs}; × = разошёлся. Вычислено за {compute_seconds} с.</translation>
    </message>
    <message>
        <source>New surface: run the sweep again.</source>
        <translation>Новая поверхность: запустите перебор снова.</translation>
    </message>
</context>
<context>
    <name>LrSweepPlot</name>
    <message>
        <source>final f − f* (log)</source>
        <translation>итоговое f − f* (лог.)</translation>
    </message>
    <message>
        <source>steps to converge</source>
        <translation>шагов до сходимости</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>Gradient Descent Explorer</source>
        <translation>Исследователь градиентного спуска</translation>
    </message>
    <message>
        <source>Explorer</source>
        <translation>Исследователь</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Сеть</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Выход</translation>
    </message>
    <message>
        <source>Close the window (Ctrl+Q)</source>
        <translation>Закрыть окно (Ctrl+Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Правка</translation>
    </message>
    <message>
        <source>&amp;Surface</source>
        <translation>&amp;Поверхность</translation>
    </message>
    <message>
        <source>&amp;Race</source>
        <translation>&amp;Гонка</translation>
    </message>
    <message>
        <source>R&amp;uns</source>
        <translation>&amp;Запуски</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>Keyboard and mouse…</source>
        <translation>Клавиатура и мышь…</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>Уроки</translation>
    </message>
    <message>
        <source>The lecture as a guided course (F2)</source>
        <translation>Лекция как курс с заданиями (F2)</translation>
    </message>
    <message>
        <source>Race</source>
        <translation>Гонка</translation>
    </message>
    <message>
        <source> speed </source>
        <translation> скорость </translation>
    </message>
    <message>
        <source> arrows </source>
        <translation> стрелки </translation>
    </message>
    <message>
        <source>Arrows drawn at each run&apos;s head (G, V, A, H toggle them)</source>
        <translation>Стрелки у текущей точки каждого запуска (G, V, A, H включают их)</translation>
    </message>
</context>
<context>
    <name>NetworkArchPanel</name>
    <message>
        <source>Network</source>
        <translation>Сеть</translation>
    </message>
    <message>
        <source>CSV file…</source>
        <translation>Файл CSV…</translation>
    </message>
    <message>
        <source>seed </source>
        <translation>сид </translation>
    </message>
    <message>
        <source>the training examples: two inputs x₁, x₂ and a target y each</source>
        <translation>обучающие наблюдения: у каждого два входа x₁, x₂ и целевое y</translation>
    </message>
    <message>
        <source>random seed that draws the data set (same seed, same points)</source>
        <translation>сид генератора данных (тот же сид — те же точки)</translation>
    </message>
    <message>
        <source>number of hidden layers (0–4)</source>
        <translation>число скрытых слоёв (0–4)</translation>
    </message>
    <message>
        <source>layers: </source>
        <translation>слои: </translation>
    </message>
    <message>
        <source>neurons in this hidden layer (1–8)</source>
        <translation>нейронов в этом скрытом слое (1–8)</translation>
    </message>
    <message>
        <source>activation f of the hidden layers (hover an item for its formula)</source>
        <translation>функция активации f скрытых слоёв (наведите на пункт — увидите формулу)</translation>
    </message>
    <message>
        <source>activation of the output neuron ŷ</source>
        <translation>функция активации выходного нейрона ŷ</translation>
    </message>
    <message>
        <source>the loss L(y, ŷ) that training minimises and backprop differentiates</source>
        <translation>функция потерь L(y, ŷ): её минимизирует обучение и дифференцирует обратное распространение</translation>
    </message>
    <message>
        <source>½‖y − ŷ‖² (MSE)</source>
        <translation>½‖y − ŷ‖² (MSE)</translation>
    </message>
    <message>
        <source>cross-entropy (sigmoid output)</source>
        <translation>кросс-энтропия (сигмоида)</translation>
    </message>
    <message>
        <source>how the initial weights are drawn (their scale per layer)</source>
        <translation>как выбираются начальные веса (их масштаб по слоям)</translation>
    </message>
    <message>
        <source>random seed of the initial weights (same seed, same start)</source>
        <translation>сид начальных весов (тот же сид — то же начало)</translation>
    </message>
    <message>
        <source>data</source>
        <translation>данные</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>скрытые</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>активация</translation>
    </message>
    <message>
        <source>output</source>
        <translation>выход</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>потери</translation>
    </message>
    <message>
        <source>init</source>
        <translation>иниц.</translation>
    </message>
    <message>
        <source>Deep sigmoid</source>
        <translation>Сигмоида ×4</translation>
    </message>
    <message>
        <source>Deep ReLU</source>
        <translation>ReLU ×4</translation>
    </message>
    <message>
        <source>4 hidden sigmoid layers: watch the gradient vanish</source>
        <translation>4 скрытых слоя с сигмоидой: смотрите, как затухает градиент</translation>
    </message>
    <message>
        <source>the same depth with ReLU: gradients survive</source>
        <translation>та же глубина с ReLU: градиенты сохраняются</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>Открыть…</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Сохранить…</translation>
    </message>
    <message>
        <source>open a saved network (architecture, weights and data)</source>
        <translation>открыть сохранённую сеть (архитектура, веса и данные)</translation>
    </message>
    <message>
        <source>save this network (architecture, weights and data) to a file</source>
        <translation>сохранить эту сеть (архитектуру, веса и данные) в файл</translation>
    </message>
    <message>
        <source>Training data (x1,x2,y[,y2])</source>
        <translation>Обучающие данные (x1,x2,y[,y2])</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Файлы CSV (*.csv);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Load network</source>
        <translation>Загрузить сеть</translation>
    </message>
    <message>
        <source>Network (*.json)</source>
        <translation>Сеть (*.json)</translation>
    </message>
    <message>
        <source>Save network</source>
        <translation>Сохранить сеть</translation>
    </message>
</context>
<context>
    <name>NetworkCheckPanel</name>
    <message>
        <source>good</source>
        <translation>хорошо</translation>
    </message>
    <message>
        <source>check</source>
        <translation>проверить</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>неверно</translation>
    </message>
    <message>
        <source>Check gradients</source>
        <translation>Проверить градиенты</translation>
    </message>
    <message>
        <source>compare backprop with (L(w + h) − L(w − h)) / 2h, h = 1e-5, for every weight</source>
        <translation>сравнить обратное распространение с (L(w + h) − L(w − h)) / 2h, h = 1e-5, для каждого веса</translation>
    </message>
    <message>
        <source>after every step</source>
        <translation>после каждого шага</translation>
    </message>
    <message>
        <source>run the gradient check again after every training update</source>
        <translation>повторять проверку градиента после каждого обновления</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>слой</translation>
    </message>
    <message>
        <source>error W</source>
        <translation>ош. W</translation>
    </message>
    <message>
        <source>error b</source>
        <translation>ош. b</translation>
    </message>
    <message>
        <source>worst</source>
        <translation>макс.</translation>
    </message>
    <message>
        <source>verdict</source>
        <translation>вывод</translation>
    </message>
    <message>
        <source>relative error ‖a − n‖ / max(‖a‖, ‖n‖) of W</source>
        <translation>относительная ошибка ‖a − n‖ / max(‖a‖, ‖n‖) для W</translation>
    </message>
    <message>
        <source>relative error ‖a − n‖ / max(‖a‖, ‖n‖) of b</source>
        <translation>относительная ошибка ‖a − n‖ / max(‖a‖, ‖n‖) для b</translation>
    </message>
    <message>
        <source>the largest per-weight relative error |a − n| / max(|a|, |n|) in the layer (CS231n);
tiny entries of a vanished gradient can show round-off here, so the verdict uses the
layer-wide ratio</source>
        <translation>наибольшая относительная ошибка по весам |a − n| / max(|a|, |n|) в слое (CS231n);
крошечные элементы затухшего градиента могут показать здесь ошибку округления, поэтому
вывод делается по отношению для всего слоя</translation>
    </message>
    <message>
        <source>relative error ‖a − n‖ / max(‖a‖, ‖n‖):  ≤ 1e-7 good · up to 1e-2 check (kinks, round-off) · &gt; 1e-2 wrong</source>
        <translation>относительная ошибка ‖a − n‖ / max(‖a‖, ‖n‖):  ≤ 1e-7 хорошо · до 1e-2 проверить (изломы, округление) · &gt; 1e-2 неверно</translation>
    </message>
</context>
<context>
    <name>NetworkController</name>
    <message>
        <source>{problem} — reset or change the rate</source>
        <translation>{problem} — сбросьте или измените скорость обучения</translation>
    </message>
</context>
<context>
    <name>NetworkDataPlot</name>
    <message>
        <source>data and the network&apos;s output</source>
        <translation>данные и выход сети</translation>
    </message>
    <message>
        <source>{v0} inputs: no 2-D picture of the data</source>
        <translation>входов: {v0} — двумерной картинки данных нет</translation>
    </message>
</context>
<context>
    <name>NetworkDiagram</name>
    <message>
        <source>input x</source>
        <translation>вход x</translation>
    </message>
    <message>
        <source>output ŷ</source>
        <translation>выход ŷ</translation>
    </message>
    <message>
        <source>hidden {layer}</source>
        <translation>скрытый {layer}</translation>
    </message>
    <message>
        <source>edges ∂L/∂W: &lt;span style=&apos;color:#2f9e44&apos;&gt;■ +&lt;/span&gt; &lt;span style=&apos;color:#e8590c&apos;&gt;■ −&lt;/span&gt;, width ∝ √|∂L/∂W| · nodes: δ = ∂L/∂z (selected sample) · &lt;span style=&apos;color:#ae3ec9&apos;&gt;dashed&lt;/span&gt;: stored values reused</source>
        <translation>рёбра ∂L/∂W: &lt;span style=&apos;color:#2f9e44&apos;&gt;■ +&lt;/span&gt; &lt;span style=&apos;color:#e8590c&apos;&gt;■ −&lt;/span&gt;, толщина ∝ √|∂L/∂W| · узлы: δ = ∂L/∂z (выбранное наблюдение) · &lt;span style=&apos;color:#ae3ec9&apos;&gt;пунктир&lt;/span&gt;: повторно использованные сохранённые значения</translation>
    </message>
    <message>
        <source>edges W: &lt;span style=&apos;color:#2b6cb0&apos;&gt;■ +&lt;/span&gt; &lt;span style=&apos;color:#d64545&apos;&gt;■ −&lt;/span&gt;, width ∝ √|w| · nodes: a = f(z) (selected sample), b = bias</source>
        <translation>рёбра W: &lt;span style=&apos;color:#2b6cb0&apos;&gt;■ +&lt;/span&gt; &lt;span style=&apos;color:#d64545&apos;&gt;■ −&lt;/span&gt;, толщина ∝ √|w| · узлы: a = f(z) (выбранное наблюдение), b = смещение</translation>
    </message>
</context>
<context>
    <name>NetworkLandscapePanel</name>
    <message>
        <source>two weights</source>
        <translation>два веса</translation>
    </message>
    <message>
        <source>two random directions</source>
        <translation>случайные направления</translation>
    </message>
    <message>
        <source>the loss as two chosen weights vary, all others held fixed</source>
        <translation>потери при изменении двух выбранных весов, остальные зафиксированы</translation>
    </message>
    <message>
        <source>the loss along two random directions in weight space, each scaled like the weights
it moves (filter normalisation, Li et al. 2018), through the current weights</source>
        <translation>потери вдоль двух случайных направлений в пространстве весов, каждое масштабировано как
веса, которые оно сдвигает (нормировка фильтров, Li et al. 2018), через текущие веса</translation>
    </message>
    <message>
        <source>seed </source>
        <translation>сид </translation>
    </message>
    <message>
        <source>the weight along the plane&apos;s horizontal axis</source>
        <translation>вес по горизонтальной оси плоскости</translation>
    </message>
    <message>
        <source>the weight along the plane&apos;s vertical axis</source>
        <translation>вес по вертикальной оси плоскости</translation>
    </message>
    <message>
        <source>random seed of the two directions</source>
        <translation>сид двух направлений</translation>
    </message>
    <message>
        <source>half-width of the plane around the current weights</source>
        <translation>полуширина плоскости вокруг текущих весов</translation>
    </message>
    <message>
        <source>Open in Explorer ↗</source>
        <translation>В Исследователь ↗</translation>
    </message>
    <message>
        <source>race optimizers on this slice of the real network loss (SGD samples real examples)</source>
        <translation>устроить гонку оптимизаторов на этом срезе настоящей функции потерь сети (SGD берёт настоящие наблюдения)</translation>
    </message>
    <message>
        <source>span</source>
        <translation>размах</translation>
    </message>
    <message>
        <source>log₁₀ loss over the plane  (× = the network now)</source>
        <translation>log₁₀ потерь на плоскости  (× = сеть сейчас)</translation>
    </message>
</context>
<context>
    <name>NetworkRacePanel</name>
    <message>
        <source>learning rate of {title} in the race</source>
        <translation>скорость обучения {title} в гонке</translation>
    </message>
    <message>
        <source>Start from the current network</source>
        <translation>Начать с текущей сети</translation>
    </message>
    <message>
        <source>each checked optimizer trains its own copy of the network as it is now</source>
        <translation>каждый отмеченный оптимизатор обучает свою копию сети в её текущем виде</translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation>▶ Пуск</translation>
    </message>
    <message>
        <source>+50 updates</source>
        <translation>+50 обновлений</translation>
    </message>
    <message>
        <source>whose decision boundary the data plot shows</source>
        <translation>чью разделяющую границу показывает график данных</translation>
    </message>
    <message>
        <source>boundary of</source>
        <translation>граница</translation>
    </message>
    <message>
        <source>loss (full batch) of each optimizer&apos;s copy</source>
        <translation>потери (полный батч) копии каждого оптимизатора</translation>
    </message>
    <message>
        <source>update</source>
        <translation>обновление</translation>
    </message>
    <message>
        <source>check at least one optimizer, then Start</source>
        <translation>отметьте хотя бы один оптимизатор, затем «Начать»</translation>
    </message>
    <message>
        <source>⏸ Pause</source>
        <translation>⏸ Пауза</translation>
    </message>
</context>
<context>
    <name>NetworkStepsPanel</name>
    <message>
        <source>Forward ▶</source>
        <translation>Вперёд ▶</translation>
    </message>
    <message>
        <source>Backward ▶</source>
        <translation>Назад по сети ▶</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ Назад</translation>
    </message>
    <message>
        <source>show the previous forward / backward step</source>
        <translation>показать предыдущий шаг прямого / обратного распространения</translation>
    </message>
    <message>
        <source>compute and show the next forward / backward step for this example</source>
        <translation>вычислить и показать следующий шаг прямого / обратного распространения для этого наблюдения</translation>
    </message>
    <message>
        <source>sample </source>
        <translation>набл. </translation>
    </message>
    <message>
        <source>the training example whose numbers are shown (click a data point too)</source>
        <translation>обучающее наблюдение, чьи числа показаны (можно щёлкнуть и точку данных)</translation>
    </message>
    <message>
        <source>scrub through the training history (training resumes from the newest)</source>
        <translation>пролистать историю обучения (обучение продолжится с последнего состояния)</translation>
    </message>
    <message>
        <source>update 0</source>
        <translation>обновление 0</translation>
    </message>
    <message>
        <source>history</source>
        <translation>история</translation>
    </message>
    <message>
        <source>Update ▶</source>
        <translation>Обновить веса ▶</translation>
    </message>
    <message>
        <source>step {v0} of {v1}</source>
        <translation>шаг {v0} из {v1}</translation>
    </message>
    <message>
        <source>reused, not recomputed:</source>
        <translation>использовано повторно, не пересчитано:</translation>
    </message>
    <message>
        <source>stored for later:</source>
        <translation>сохранено на потом:</translation>
    </message>
    <message>
        <source>update {t}</source>
        <translation>обновление {t}</translation>
    </message>
    <message>
        <source>update {t}  (past)</source>
        <translation>обновление {t}  (прошлое)</translation>
    </message>
</context>
<context>
    <name>NetworkTab</name>
    <message>
        <source>edges: auto (W forward, ∂L/∂W backward)</source>
        <translation>рёбра: авто (W вперёд, ∂L/∂W назад)</translation>
    </message>
    <message>
        <source>edges: weights W</source>
        <translation>рёбра: веса W</translation>
    </message>
    <message>
        <source>edges: gradients ∂L/∂W</source>
        <translation>рёбра: градиенты ∂L/∂W</translation>
    </message>
    <message>
        <source>what the edges&apos; colour and width show</source>
        <translation>что показывают цвет и толщина рёбер</translation>
    </message>
    <message>
        <source>Click a neuron or an edge to see its numbers.</source>
        <translation>Щёлкните нейрон или ребро, чтобы увидеть их числа.</translation>
    </message>
    <message>
        <source>Gradient norms</source>
        <translation>Нормы</translation>
    </message>
    <message>
        <source>Gradient check</source>
        <translation>Проверка градиента</translation>
    </message>
    <message>
        <source>Loss landscape</source>
        <translation>Ландшафт</translation>
    </message>
    <message>
        <source>Optimizer race</source>
        <translation>Гонка</translation>
    </message>
    <message>
        <source>‖(∂L/∂W, ∂L/∂b)‖ of each layer: a vanishing gradient shows at a glance</source>
        <translation>‖(∂L/∂W, ∂L/∂b)‖ каждого слоя: затухающий градиент виден сразу</translation>
    </message>
    <message>
        <source>backprop against finite differences, layer by layer</source>
        <translation>обратное распространение против конечных разностей, слой за слоем</translation>
    </message>
    <message>
        <source>the loss on a plane through the current weights</source>
        <translation>потери на плоскости через текущие веса</translation>
    </message>
    <message>
        <source>several optimizers train copies of this network side by side</source>
        <translation>несколько оптимизаторов обучают копии этой сети рядом</translation>
    </message>
    <message>
        <source>input x{k} = {a:.4g}  (sample {s})</source>
        <translation>вход x{k} = {a:.4g}  (наблюдение {s})</translation>
    </message>
    <message>
        <source>layer {layer}, neuron {k} ({f}), sample {s}:   z = {z:.4g}   a = {a:.4g}   b = {b:.4g}   δ = ∂L/∂z = {d:.4g}   ∂L/∂b = {gb:.4g}</source>
        <translation>слой {layer}, нейрон {k} ({f}), наблюдение {s}:   z = {z:.4g}   a = {a:.4g}   b = {b:.4g}   δ = ∂L/∂z = {d:.4g}   ∂L/∂b = {gb:.4g}</translation>
    </message>
    <message>
        <source>neuron {i} of layer {l}</source>
        <translation>нейрон {i} слоя {l}</translation>
    </message>
    <message>
        <source>W{l}[{v1},{v2}] = {v3:.4g}   ∂L/∂W = {v4:.4g}   ({src} → neuron {v6} of layer {l})</source>
        <translation>W{l}[{v1},{v2}] = {v3:.4g}   ∂L/∂W = {v4:.4g}   ({src} → нейрон {v6} слоя {l})</translation>
    </message>
</context>
<context>
    <name>NetworkTrainPanel</name>
    <message>
        <source>full batch (GD)</source>
        <translation>полный батч (GD)</translation>
    </message>
    <message>
        <source>mini-batch 8</source>
        <translation>мини-батч 8</translation>
    </message>
    <message>
        <source>mini-batch 16</source>
        <translation>мини-батч 16</translation>
    </message>
    <message>
        <source>one sample (SGD)</source>
        <translation>одно наблюдение (SGD)</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Обучение</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Пуск</translation>
    </message>
    <message>
        <source>train continuously (the loss curve and the fit update live)</source>
        <translation>обучать непрерывно (кривая потерь и подгонка обновляются на лету)</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Шаг</translation>
    </message>
    <message>
        <source>one optimizer update</source>
        <translation>одно обновление оптимизатора</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Сброс</translation>
    </message>
    <message>
        <source>back to the initial weights, fresh optimizer state</source>
        <translation>вернуться к начальным весам, состояние оптимизатора заново</translation>
    </message>
    <message>
        <source>the update rule that trains the weights</source>
        <translation>правило обновления, обучающее веса</translation>
    </message>
    <message>
        <source>textbook</source>
        <translation>учебник</translation>
    </message>
    <message>
        <source>PyTorch</source>
        <translation>PyTorch</translation>
    </message>
    <message>
        <source>update rules as on the lecture&apos;s slides, or as torch.optim computes them</source>
        <translation>правила обновления как на слайдах лекции или как их считает torch.optim</translation>
    </message>
    <message>
        <source> updates / frame</source>
        <translation> обновл. / кадр</translation>
    </message>
    <message>
        <source>the gradient of each update: from every example (full batch), a mini-batch, or one</source>
        <translation>градиент каждого обновления: по всем наблюдениям (полный батч), по мини-батчу или по одному</translation>
    </message>
    <message>
        <source>optimizer updates per animation frame while playing</source>
        <translation>обновлений оптимизатора за кадр анимации во время обучения</translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation>оптимизатор</translation>
    </message>
    <message>
        <source>convention</source>
        <translation>форма записи</translation>
    </message>
    <message>
        <source>gradient from</source>
        <translation>градиент по</translation>
    </message>
    <message>
        <source>speed</source>
        <translation>скорость</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <source>update {t}   ·   loss {loss}   ·   η = {lr}</source>
        <translation>обновление {t}   ·   потери {loss}   ·   η = {lr}</translation>
    </message>
</context>
<context>
    <name>OverlayKey</name>
    <message>
        <source>−∇f: downhill, length ∝ |∇f|</source>
        <translation>−∇f: антиградиент, длина ∝ |∇f|</translation>
    </message>
    <message>
        <source>velocity (momentum)</source>
        <translation>инерция h (Momentum)</translation>
    </message>
    <message>
        <source>adaptive step per coordinate</source>
        <translation>адаптивный шаг по координатам</translation>
    </message>
    <message>
        <source>Hessian: curving down (λ &amp;lt; 0)</source>
        <translation>гессиан: изгиб вниз (λ &amp;lt; 0)</translation>
    </message>
    <message>
        <source>Hessian: curving up (λ &amp;gt; 0)</source>
        <translation>гессиан: изгиб вверх (λ &amp;gt; 0)</translation>
    </message>
</context>
<context>
    <name>Overlays</name>
    <message>
        <source>gradient</source>
        <translation>градиент</translation>
    </message>
    <message>
        <source>velocity</source>
        <translation>инерция</translation>
    </message>
    <message>
        <source>adaptive</source>
        <translation>адапт.</translation>
    </message>
    <message>
        <source>eigen</source>
        <translation>собств.</translation>
    </message>
    <message>
        <source>Gradient arrow (−∇f)</source>
        <translation>Стрелка антиградиента (−∇f)</translation>
    </message>
    <message>
        <source>Velocity arrow (momentum)</source>
        <translation>Стрелка инерции h</translation>
    </message>
    <message>
        <source>Adaptive per-coordinate step</source>
        <translation>Адаптивный шаг по координатам</translation>
    </message>
    <message>
        <source>Hessian eigen-directions near saddles</source>
        <translation>Собственные направления гессиана у седловых точек</translation>
    </message>
</context>
<context>
    <name>ParamMapPage</name>
    <message>
        <source> cells a side</source>
        <translation> клеток на сторону</translation>
    </message>
    <message>
        <source> steps</source>
        <translation> шагов</translation>
    </message>
    <message>
        <source>smallest learning rate η of the map (log-spaced columns)</source>
        <translation>наименьшая скорость обучения η карты (столбцы равномерны по логарифму)</translation>
    </message>
    <message>
        <source>largest learning rate η of the map</source>
        <translation>наибольшая скорость обучения η карты</translation>
    </message>
    <message>
        <source>cells per side of the map: cells² runs in one batch</source>
        <translation>клеток на сторону карты: cells² запусков одним пакетом</translation>
    </message>
    <message>
        <source>updates each run takes before its final loss is read</source>
        <translation>сколько обновлений делает каждый запуск до того, как считываются итоговые потери</translation>
    </message>
    <message>
        <source>Compute map</source>
        <translation>Построить карту</translation>
    </message>
    <message>
        <source>η from</source>
        <translation>η от</translation>
    </message>
    <message>
        <source>to</source>
        <translation>до</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Отменено.</translation>
    </message>
    <message>
        <source>Failed: {m}</source>
        <translation>Ошибка: {m}</translation>
    </message>
    <message>
        <source>no run</source>
        <translation>нет запуска</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; has no second hyperparameter to map: select a Momentum, Nesterov, RMSprop or Adam run.</source>
        <translation>У &lt;b&gt;{name}&lt;/b&gt; нет второго гиперпараметра для карты: выберите запуск Momentum, Nesterov, RMSprop или Adam.</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:{colour}&apos;&gt;■&lt;/b&gt; &lt;b&gt;{name}&lt;/b&gt; (the selected run): final loss over η × {v2} from the first start. Click a cell to load its values into the run.</source>
        <translation>&lt;b style=&apos;color:{colour}&apos;&gt;■&lt;/b&gt; &lt;b&gt;{name}&lt;/b&gt; (выбранный запуск): итоговые потери по η × {v2} из первой начальной точки. Щёлкните клетку, чтобы загрузить её значения в запуск.</translation>
    </message>
    <message>
        <source>The first learning rate must be below the last.</source>
        <translation>Первая скорость обучения должна быть меньше последней.</translation>
    </message>
    <message>
        <source>Computing {n}×{n} settings × {steps}…</source>
        <translation>Вычисляется {n}×{n} настроек × {steps}…</translation>
    </message>
    <message>
        <source>The selected run changed while computing: run it again.</source>
        <translation>Выбранный запуск изменился во время вычисления: запустите снова.</translation>
    </message>
    <message>
        <source>{rule}: {settings} × {steps} of full batch, f* = {fs}; red = diverged. Computed in {compute_seconds} s.</source>
        <translation>{rule}: {settings} × {steps} полного батча, f* = {fs}; красный = разошёлся. Вычислено за {compute_seconds} с.</translation>
    </message>
    <message>
        <source>The surface changed while computing: run it again.</source>
        <translation>Поверхность изменилась во время вычисления: запустите снова.</translation>
    </message>
    <message>
        <source>The run this map was computed for is gone.</source>
        <translation>Запуска, для которого строилась карта, больше нет.</translation>
    </message>
    <message>
        <source>Loaded η = {lr:.3g}, {name} = {value:.3g} into the run.</source>
        <translation>В запуск загружено η = {lr:.3g}, {name} = {value:.3g}.</translation>
    </message>
</context>
<context>
    <name>ParamMapPlot</name>
    <message>
        <source>momentum α</source>
        <translation>инерция α</translation>
    </message>
    <message>
        <source>RMSprop α</source>
        <translation>RMSprop α</translation>
    </message>
    <message>
        <source>learning rate η (log)</source>
        <translation>скорость обучения η (лог.)</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>разошёлся</translation>
    </message>
    <message>
        <source>converged at step {step}</source>
        <translation>сошёлся на шаге {step}</translation>
    </message>
    <message>
        <source>not converged</source>
        <translation>не сошёлся</translation>
    </message>
</context>
<context>
    <name>PlotRoom</name>
    <message>
        <source>Side plots hidden to leave the surface room: widen the window or close a side panel</source>
        <translation>Боковые графики скрыты ради места: расширьте окно или закройте панель сбоку</translation>
    </message>
</context>
<context>
    <name>Plurals</name>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n шаг</numerusform>
            <numerusform>%n шага</numerusform>
            <numerusform>%n шагов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n outcome(s)</source>
        <translation>
            <numerusform>%n исход</numerusform>
            <numerusform>%n исхода</numerusform>
            <numerusform>%n исходов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more attractor(s)</source>
        <translation>
            <numerusform>ещё %n аттрактор</numerusform>
            <numerusform>ещё %n аттрактора</numerusform>
            <numerusform>ещё %n аттракторов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n setting(s)</source>
        <translation>
            <numerusform>%n настройка</numerusform>
            <numerusform>%n настройки</numerusform>
            <numerusform>%n настроек</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n start(s)</source>
        <translation>
            <numerusform>%n начальная точка</numerusform>
            <numerusform>%n начальные точки</numerusform>
            <numerusform>%n начальных точек</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Race</name>
    <message>
        <source>{name} · start {i}</source>
        <translation>{name} · начало {i}</translation>
    </message>
</context>
<context>
    <name>RaceFigure</name>
    <message>
        <source>best f</source>
        <translation>лучшее f</translation>
    </message>
    <message>
        <source>step {t} of {last}</source>
        <translation>шаг {t} из {last}</translation>
    </message>
</context>
<context>
    <name>ReplayDialog</name>
    <message>
        <source>Opening the scene</source>
        <translation>Открытие сцены</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message numerus="yes">
        <source>Replaying scene… {done} of %Ln steps</source>
        <translation>
            <numerusform>Сцена пересчитывается… {done} из %Ln шага</numerusform>
            <numerusform>Сцена пересчитывается… {done} из %Ln шагов</numerusform>
            <numerusform>Сцена пересчитывается… {done} из %Ln шагов</numerusform>
        </translation>
    </message>
    <message>
        <source>Another scene is still being opened</source>
        <translation>Другая сцена ещё открывается</translation>
    </message>
</context>
<context>
    <name>Rule</name>
    <message>
        <source>AdaGrad</source>
        <translation>AdaGrad</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>AdamW</source>
        <translation>AdamW</translation>
    </message>
    <message>
        <source>w ← w(1 − ηλ), then Adam</source>
        <translation>w ← w(1 − ηλ), затем Adam</translation>
    </message>
    <message>
        <source>AMSGrad</source>
        <translation>AMSGrad</translation>
    </message>
    <message>
        <source>Adam with G replaced by its running maximum</source>
        <translation>Adam, где G заменено его текущим максимумом</translation>
    </message>
    <message>
        <source>Adam with v replaced by max(v_max, v)</source>
        <translation>Adam, где v заменено на max(v_max, v)</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>Momentum</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Нестеров</translation>
    </message>
    <message>
        <source>Newton</source>
        <translation>Ньютон</translation>
    </message>
    <message>
        <source>w ← w − η |H|⁻¹ g  (|H| from absolute eigenvalues)</source>
        <translation>w ← w − η |H|⁻¹ g  (|H| из модулей собственных значений)</translation>
    </message>
    <message>
        <source>Saddle-free Newton</source>
        <translation>Ньютон без сёдел</translation>
    </message>
    <message>
        <source>RMSprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <source>GD / SGD</source>
        <translation>GD / SGD</translation>
    </message>
</context>
<context>
    <name>RunPanel</name>
    <message>
        <source>full batch (GD)</source>
        <translation>полный батч (GD)</translation>
    </message>
    <message>
        <source>one sample (SGD)</source>
        <translation>одно наблюдение (SGD)</translation>
    </message>
    <message>
        <source>mini-batch m</source>
        <translation>мини-батч m</translation>
    </message>
    <message>
        <source>gradient noise σ</source>
        <translation>шум градиента σ</translation>
    </message>
    <message>
        <source>{title}
textbook: {textbook}
PyTorch: {pytorch}</source>
        <translation>{title}
учебник: {textbook}
PyTorch: {pytorch}</translation>
    </message>
    <message>
        <source>Runs: tick to race, untick to sit out; select one to edit it</source>
        <translation>Запуски: отметьте, чтобы участвовать в гонке, снимите — чтобы пропустить; выберите запуск, чтобы править его</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Дублировать</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Add a run (Ctrl+N)</source>
        <translation>Добавить запуск (Ctrl+N)</translation>
    </message>
    <message>
        <source>Duplicate the selected run (Ctrl+D)</source>
        <translation>Дублировать выбранный запуск (Ctrl+D)</translation>
    </message>
    <message>
        <source>Remove the selected run (Del)</source>
        <translation>Удалить выбранный запуск (Del)</translation>
    </message>
    <message>
        <source>textbook (lecture)</source>
        <translation>учебник (лекция)</translation>
    </message>
    <message>
        <source>PyTorch (torch.optim)</source>
        <translation>PyTorch (torch.optim)</translation>
    </message>
    <message>
        <source>Which form of the update rule: the lecture&apos;s or torch.optim&apos;s</source>
        <translation>Какая форма правила обновления: как в лекции или как в torch.optim</translation>
    </message>
    <message>
        <source>How the gradient is estimated (one sample and mini-batch need a data-defined surface; noise works everywhere)</source>
        <translation>Как оценивается градиент (одно наблюдение и мини-батч требуют поверхности, заданной данными; шум работает везде)</translation>
    </message>
    <message>
        <source>mini-batch size m</source>
        <translation>размер мини-батча m</translation>
    </message>
    <message>
        <source>standard deviation σ of the Gaussian noise added to ∇f</source>
        <translation>стандартное отклонение σ гауссова шума, добавляемого к ∇f</translation>
    </message>
    <message>
        <source>The run&apos;s colour everywhere: trail, head, legend and plots</source>
        <translation>Цвет запуска везде: траектория, текущая точка, легенда и графики</translation>
    </message>
    <message>
        <source>colour</source>
        <translation>цвет</translation>
    </message>
    <message>
        <source>rule</source>
        <translation>метод</translation>
    </message>
    <message>
        <source>convention</source>
        <translation>форма записи</translation>
    </message>
    <message>
        <source>gradient</source>
        <translation>градиент</translation>
    </message>
    <message>
        <source>batch m</source>
        <translation>батч m</translation>
    </message>
    <message>
        <source>noise σ</source>
        <translation>шум σ</translation>
    </message>
    <message>
        <source>Run colour</source>
        <translation>Цвет запуска</translation>
    </message>
</context>
<context>
    <name>RunRow</name>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Start the computation in the background (the race stays usable)</source>
        <translation>Запустить вычисление в фоне (гонкой можно пользоваться)</translation>
    </message>
    <message>
        <source>Stop the computation; nothing is kept</source>
        <translation>Остановить вычисление; ничего не сохраняется</translation>
    </message>
</context>
<context>
    <name>SchedulePanel</name>
    <message>
        <source>η at every step</source>
        <translation>η на каждом шаге</translation>
    </message>
    <message>
        <source>Smith&apos;s cyclic lr: up and down between base-lr and max-lr, half-period s</source>
        <translation>циклическая скорость обучения Смита (CLR): вверх и вниз между base-lr и max-lr, полупериод s</translation>
    </message>
    <message>
        <source>cyclic, the amplitude halves every cycle</source>
        <translation>циклическая, амплитуда уменьшается вдвое каждый цикл</translation>
    </message>
    <message>
        <source>cyclic, the amplitude decays as γᵗ</source>
        <translation>циклическая, амплитуда затухает как γᵗ</translation>
    </message>
    <message>
        <source>SGDR: cosine from η down to η_min over T₀ steps, then restart (×T_mult)</source>
        <translation>SGDR: косинус от η до η_min за T₀ шагов, затем перезапуск (×T_mult)</translation>
    </message>
    <message>
        <source>η·γ^⌊t/s⌋: drop by γ every s steps</source>
        <translation>η·γ^⌊t/s⌋: уменьшение в γ раз каждые s шагов</translation>
    </message>
    <message>
        <source>constant</source>
        <translation>постоянная</translation>
    </message>
    <message>
        <source>triangular</source>
        <translation>треугольная</translation>
    </message>
    <message>
        <source>triangular2</source>
        <translation>треугольная2</translation>
    </message>
    <message>
        <source>exp range</source>
        <translation>эксп. диапазон</translation>
    </message>
    <message>
        <source>cosine restarts</source>
        <translation>косинус, рестарты</translation>
    </message>
    <message>
        <source>step</source>
        <translation>ступенчатая</translation>
    </message>
    <message>
        <source>exponential</source>
        <translation>экспоненциальная</translation>
    </message>
    <message>
        <source>lowest lr of each cycle (base-lr)</source>
        <translation>наименьшая скорость обучения цикла (base-lr)</translation>
    </message>
    <message>
        <source>highest lr of each cycle, its peak (max-lr)</source>
        <translation>наибольшая скорость обучения цикла, её пик (max-lr)</translation>
    </message>
    <message>
        <source>lr at the end of each cosine cycle</source>
        <translation>скорость обучения в конце каждого косинусного цикла</translation>
    </message>
    <message>
        <source>decay factor γ in (0, 1]: per drop (step), per step (exponential),
per step of the cycle&apos;s amplitude (exp range)</source>
        <translation>множитель затухания γ из (0, 1]: на ступень (ступенчатая), на шаг (экспоненциальная),
на шаг амплитуды цикла (экспоненциальный диапазон)</translation>
    </message>
    <message>
        <source>s: half a cycle, in steps (cyclic modes), or steps between drops (step)</source>
        <translation>s: полцикла в шагах (циклические режимы) или шагов между ступенями (ступенчатая)</translation>
    </message>
    <message>
        <source>length of the first cosine cycle, in steps</source>
        <translation>длина первого косинусного цикла в шагах</translation>
    </message>
    <message>
        <source>each cosine cycle is T_mult times longer than the one before</source>
        <translation>каждый косинусный цикл в T_mult раз длиннее предыдущего</translation>
    </message>
    <message>
        <source>learning-rate schedule lr(t)</source>
        <translation>расписание скорости обучения lr(t)</translation>
    </message>
    <message>
        <source>schedule</source>
        <translation>расписание</translation>
    </message>
    <message>
        <source>base lr</source>
        <translation>базовая скорость</translation>
    </message>
    <message>
        <source>max lr</source>
        <translation>макс. скорость</translation>
    </message>
    <message>
        <source>step size s</source>
        <translation>размер ступени s</translation>
    </message>
    <message>
        <source>step t</source>
        <translation>шаг t</translation>
    </message>
    <message>
        <source>lr</source>
        <translation>η</translation>
    </message>
</context>
<context>
    <name>SessionManager</name>
    <message>
        <source>Scenes (*.json);;All files (*)</source>
        <translation>Сцены (*.json);;Все файлы (*)</translation>
    </message>
    <message>
        <source>New scene</source>
        <translation>Новая сцена</translation>
    </message>
    <message>
        <source>Open scene…</source>
        <translation>Открыть сцену…</translation>
    </message>
    <message>
        <source>Save scene</source>
        <translation>Сохранить сцену</translation>
    </message>
    <message>
        <source>Save scene as…</source>
        <translation>Сохранить сцену как…</translation>
    </message>
    <message>
        <source>Start again from the default surface and race</source>
        <translation>Начать заново с поверхности и гонки по умолчанию</translation>
    </message>
    <message>
        <source>Open a scene file: surface, runs, starts and view</source>
        <translation>Открыть файл сцены: поверхность, запуски, начальные точки и вид</translation>
    </message>
    <message>
        <source>Save the scene (surface, runs, starts, view) to its file</source>
        <translation>Сохранить сцену (поверхность, запуски, начальные точки, вид) в её файл</translation>
    </message>
    <message>
        <source>Save the scene to a new file</source>
        <translation>Сохранить сцену в новый файл</translation>
    </message>
    <message>
        <source>Saved the scene to {name}</source>
        <translation>Сцена сохранена в {name}</translation>
    </message>
    <message>
        <source>Opening {name} was cancelled; the scene is as it was</source>
        <translation>Открытие {name} отменено; сцена осталась прежней</translation>
    </message>
    <message>
        <source>Opened {name}</source>
        <translation>Открыто: {name}</translation>
    </message>
    <message>
        <source>Open scene</source>
        <translation>Открыть сцену</translation>
    </message>
    <message>
        <source>Could not open the scene</source>
        <translation>Не удалось открыть сцену</translation>
    </message>
    <message>
        <source>Could not save the scene</source>
        <translation>Не удалось сохранить сцену</translation>
    </message>
    <message>
        <source>Autosave works again</source>
        <translation>Автосохранение снова работает</translation>
    </message>
    <message>
        <source>kept as {name}</source>
        <translation>сохранён как {name}</translation>
    </message>
    <message>
        <source>left in place: {error}</source>
        <translation>оставлен на месте: {error}</translation>
    </message>
    <message>
        <source>Restoring the last session was cancelled; the file {kept}</source>
        <translation>Восстановление прошлого сеанса отменено; файл {kept}</translation>
    </message>
    <message>
        <source>Could not restore the last session ({e}); started afresh, the file {kept}</source>
        <translation>Не удалось восстановить прошлый сеанс ({e}); начато заново, файл {kept}</translation>
    </message>
    <message>
        <source>Restored the last session</source>
        <translation>Прошлый сеанс восстановлен</translation>
    </message>
</context>
<context>
    <name>SidePlots</name>
    <message>
        <source>loss  f − f*  (log)</source>
        <translation>потери  f − f*  (лог.)</translation>
    </message>
    <message>
        <source>loss  f</source>
        <translation>потери  f</translation>
    </message>
    <message>
        <source>gradient norm  |∇f|  (log)</source>
        <translation>норма градиента  |∇f|  (лог.)</translation>
    </message>
    <message>
        <source>step</source>
        <translation>шаг</translation>
    </message>
    <message>
        <source>examples processed</source>
        <translation>обработано наблюдений</translation>
    </message>
    <message>
        <source>learning rate η per run</source>
        <translation>скорость обучения η по запускам</translation>
    </message>
    <message>
        <source>The loss of every run point against its step, in the run&apos;s colour</source>
        <translation>Потери каждой точки запуска по шагам, цветом запуска</translation>
    </message>
    <message>
        <source>The learning rate η each run point uses at each step, in the run&apos;s colour
(as in the run list and the table below the surface)</source>
        <translation>Скорость обучения η каждой точки запуска на каждом шаге, цветом запуска
(как в списке запусков и в таблице под поверхностью)</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>потери</translation>
    </message>
    <message>
        <source>Plot the loss, or the gradient&apos;s norm |∇f| (log scale): at a saddle |∇f| falls towards 0 while the loss stays put</source>
        <translation>Показывать потери или норму градиента |∇f| (лог. шкала): в седловой точке |∇f| падает к 0, а потери стоят на месте</translation>
    </message>
    <message>
        <source>against step</source>
        <translation>по шагам</translation>
    </message>
    <message>
        <source>against examples processed</source>
        <translation>по обработанным наблюдениям</translation>
    </message>
    <message>
        <source>On a data-defined surface: the cost in examples read — a GD step reads all n, SGD 1, a mini-batch m (O(n) against O(1))</source>
        <translation>На поверхности, заданной данными: цена в прочитанных наблюдениях — шаг GD читает все n, SGD одно, мини-батч m (O(n) против O(1))</translation>
    </message>
</context>
<context>
    <name>Snap</name>
    <message>
        <source>the line of slope {s}</source>
        <translation>прямой с наклоном {s}</translation>
    </message>
    <message>
        <source>the axis x = 0</source>
        <translation>оси x = 0</translation>
    </message>
    <message>
        <source>the axis y = 0</source>
        <translation>оси y = 0</translation>
    </message>
    <message>
        <source>through the saddle at ({x}, {y})</source>
        <translation>через седло в ({x}, {y})</translation>
    </message>
    <message>
        <source>through the degenerate point at ({x}, {y})</source>
        <translation>через вырожденную точку в ({x}, {y})</translation>
    </message>
</context>
<context>
    <name>SpeedBoxes</name>
    <message>
        <source>Updates each run takes per animation tick (speed × n)</source>
        <translation>Сколько обновлений делает каждый запуск за такт анимации (скорость × n)</translation>
    </message>
    <message>
        <source> ticks/s</source>
        <translation> такт/с</translation>
    </message>
    <message>
        <source>Animation ticks per second while playing</source>
        <translation>Тактов анимации в секунду во время гонки</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>moving</source>
        <translation>движется</translation>
    </message>
    <message>
        <source>converged</source>
        <translation>сошёлся</translation>
    </message>
    <message>
        <source>converged: global minimum</source>
        <translation>сошёлся: глобальный минимум</translation>
    </message>
    <message>
        <source>converged: local minimum</source>
        <translation>сошёлся: локальный минимум</translation>
    </message>
    <message>
        <source>stalled at a saddle</source>
        <translation>застрял в седле</translation>
    </message>
    <message>
        <source>stuck at a maximum</source>
        <translation>застрял на максимуме</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>разошёлся</translation>
    </message>
</context>
<context>
    <name>Steps</name>
    <message>
        <source>output</source>
        <translation>выходной</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>скрытый</translation>
    </message>
    <message>
        <source>Forward · layer {l} ({role}, {f})</source>
        <translation>Прямое распространение · слой {l} ({role}, {f})</translation>
    </message>
    <message>
        <source>ℓ = ½ Σ (y − ŷ)² = {v}   (this sample)</source>
        <translation>ℓ = ½ Σ (y − ŷ)² = {v}   (это наблюдение)</translation>
    </message>
    <message>
        <source>L = (1/n) Σ ℓ over n = {n} samples = {v}</source>
        <translation>L = (1/n) Σ ℓ по n = {n} наблюдениям = {v}</translation>
    </message>
    <message>
        <source>ℓ = −Σ [y log ŷ + (1−y) log(1−ŷ)] = {v}   (this sample)</source>
        <translation>ℓ = −Σ [y log ŷ + (1−y) log(1−ŷ)] = {v}   (это наблюдение)</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Потери</translation>
    </message>
    <message>
        <source>δ{l} = (ŷ − y) / n   (σ′ cancels against the cross-entropy)</source>
        <translation>δ{l} = (ŷ − y) / n   (σ′ сокращается с перекрёстной энтропией)</translation>
    </message>
    <message>
        <source>ŷ = a{s} (forward {l})</source>
        <translation>ŷ = a{s} (прямой шаг {l})</translation>
    </message>
    <message>
        <source>z{s} (forward {l})</source>
        <translation>z{s} (прямой шаг {l})</translation>
    </message>
    <message>
        <source>δ{s} (backward step before)</source>
        <translation>δ{s} (предыдущий обратный шаг)</translation>
    </message>
    <message>
        <source>∂L/∂W{s} = {prev}ᵀ·δ{s} (all n = {n} samples) = {m}</source>
        <translation>∂L/∂W{s} = {prev}ᵀ·δ{s} (все n = {n} наблюдений) = {m}</translation>
    </message>
    <message>
        <source>∂L/∂W{s} = {prev}ᵀ·δ{s} (all n = {n} samples)</source>
        <translation>∂L/∂W{s} = {prev}ᵀ·δ{s} (все n = {n} наблюдений)</translation>
    </message>
    <message>
        <source>   (weights and biases, as the bar)</source>
        <translation>   (веса и смещения, как столбик)</translation>
    </message>
    <message>
        <source>Without backprop this would redo the chain through {later}.</source>
        <translation>Без обратного распространения пришлось бы заново пройти цепное правило через {later}.</translation>
    </message>
    <message>
        <source>{prev} (forward {l})</source>
        <translation>{prev} (прямой шаг {l})</translation>
    </message>
    <message>
        <source>x (the input)</source>
        <translation>x (вход)</translation>
    </message>
    <message>
        <source>layer {l}</source>
        <translation>слой {l}</translation>
    </message>
    <message>
        <source>layers {a}…{b}</source>
        <translation>слои {a}…{b}</translation>
    </message>
    <message>
        <source>Backward · layer {l}</source>
        <translation>Обратное распространение · слой {l}</translation>
    </message>
    <message>
        <source>the next update would not be finite (training would stop here)</source>
        <translation>следующее обновление не было бы конечным (обучение остановилось бы здесь)</translation>
    </message>
    <message>
        <source>largest changes:</source>
        <translation>наибольшие изменения:</translation>
    </message>
    <message>
        <source>Input · sample {s} of {n}</source>
        <translation>Вход · наблюдение {s} из {n}</translation>
    </message>
    <message>
        <source>target y = {y}</source>
        <translation>целевое y = {y}</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>Обновление</translation>
    </message>
    <message>
        <source>Update ▶ applies this step to every weight and bias.</source>
        <translation>«Обновить веса ▶» применяет этот шаг ко всем весам и смещениям.</translation>
    </message>
    <message>
        <source>every ∂L/∂W and ∂L/∂b above</source>
        <translation>все ∂L/∂W и ∂L/∂b выше</translation>
    </message>
</context>
<context>
    <name>StepsPanel</name>
    <message>
        <source>Forward ▶</source>
        <translation>Вперёд ▶</translation>
    </message>
    <message>
        <source>Backward ▶</source>
        <translation>Назад по сети ▶</translation>
    </message>
    <message>
        <source>Update ▶</source>
        <translation>Обновить веса ▶</translation>
    </message>
</context>
<context>
    <name>Surface</name>
    <message>
        <source>Data-defined losses</source>
        <translation>Потери, заданные данными</translation>
    </message>
    <message>
        <source>Linear regression (MSE)</source>
        <translation>Линейная регрессия (MSE)</translation>
    </message>
    <message>
        <source>The lecture&apos;s L(w) = 1/n Σ (yᵢ − xᵢᵀw)² for a line w₀ + w₁t through {n} seeded points: a quadratic bowl; SGD and mini-batches see one or a few points at a time.</source>
        <translation>L(w) = 1/n Σ (yᵢ − xᵢᵀw)² из лекции для прямой w₀ + w₁t по {n} случайным точкам (с фиксированным сидом): квадратичная чаша; SGD и мини-батчи видят за шаг одну или несколько точек.</translation>
    </message>
    <message>
        <source>Logistic regression</source>
        <translation>Логистическая регрессия</translation>
    </message>
    <message>
        <source>Rosenbrock</source>
        <translation>Розенброк</translation>
    </message>
    <message>
        <source>A long curved valley: easy to find, slow to follow. Minimum 0 at (1, 1).</source>
        <translation>Длинная изогнутая долина: найти легко, идти по ней медленно. Минимум 0 в (1, 1).</translation>
    </message>
    <message>
        <source>Classic test functions</source>
        <translation>Классические тестовые функции</translation>
    </message>
    <message>
        <source>Himmelblau</source>
        <translation>Химмельблау</translation>
    </message>
    <message>
        <source>Four equal minima around one maximum, with four saddles between them.</source>
        <translation>Четыре равных минимума вокруг одного максимума и четыре седловые точки между ними.</translation>
    </message>
    <message>
        <source>Beale</source>
        <translation>Бил</translation>
    </message>
    <message>
        <source>Flat plateaus and sharp ridges around a minimum 0 at (3, 0.5).</source>
        <translation>Плоские плато и острые гребни вокруг минимума 0 в (3; 0,5).</translation>
    </message>
    <message>
        <source>Booth</source>
        <translation>Бут</translation>
    </message>
    <message>
        <source>A tilted quadratic bowl; minimum 0 at (1, 3).</source>
        <translation>Наклонённая квадратичная чаша; минимум 0 в (1, 3).</translation>
    </message>
    <message>
        <source>Rastrigin</source>
        <translation>Растригин</translation>
    </message>
    <message>
        <source>An egg-crate of local minima on a bowl; global minimum 0 at (0, 0).</source>
        <translation>Решётка локальных минимумов на чаше; глобальный минимум 0 в (0, 0).</translation>
    </message>
    <message>
        <source>Local minima</source>
        <translation>Локальные минимумы</translation>
    </message>
    <message>
        <source>Ackley</source>
        <translation>Экли</translation>
    </message>
    <message>
        <source>A nearly flat, bumpy plain with one deep funnel; minimum 0 at (0, 0).</source>
        <translation>Почти плоская бугристая равнина с одной глубокой воронкой; минимум 0 в (0, 0).</translation>
    </message>
    <message>
        <source>Six-hump camel</source>
        <translation>Шестигорбый верблюд</translation>
    </message>
    <message>
        <source>Six minima (two global, -1.0316) with saddles and maxima between them.</source>
        <translation>Шесть минимумов (два глобальных, −1,0316), между ними седловые точки и максимумы.</translation>
    </message>
    <message>
        <source>Goldstein–Price</source>
        <translation>Голдстейн–Прайс</translation>
    </message>
    <message>
        <source>Values spanning six orders of magnitude (use the log colour scale); minimum 3 at (0, -1).</source>
        <translation>Значения в пределах шести порядков (включите логарифмическую шкалу); минимум 3 в (0, -1).</translation>
    </message>
    <message>
        <source>Saddle x² − y²</source>
        <translation>Седло x² − y²</translation>
    </message>
    <message>
        <source>The textbook saddle at (0, 0): started on the x axis (y = 0, as here), plain GD slides in and stalls; the slightest y ≠ 0 grows and escapes. Ctrl+click starts exactly on a line.</source>
        <translation>Учебная седловая точка в (0, 0): начав на оси x (y = 0, как здесь), обычный GD скатывается в неё и застревает; малейшее y ≠ 0 растёт и уводит прочь. Ctrl+щелчок ставит начало точно на линию.</translation>
    </message>
    <message>
        <source>Saddles</source>
        <translation>Седловые точки</translation>
    </message>
    <message>
        <source>Monkey saddle x³ − 3xy²</source>
        <translation>Обезьянье седло x³ − 3xy²</translation>
    </message>
    <message>
        <source>A degenerate critical point: three valleys meet at (0, 0), the Hessian vanishes there.</source>
        <translation>Вырожденная критическая точка: три долины сходятся в (0, 0), гессиан там равен нулю.</translation>
    </message>
    <message>
        <source>Local vs global minimum</source>
        <translation>Локальный и глобальный минимум</translation>
    </message>
    <message>
        <source>Two minima: from the start at the lower right, plain GD settles in the shallow local one (−0.59); momentum carries over the ridge into the deep global one (−1.43).</source>
        <translation>Два минимума: из начальной точки справа внизу обычный GD оседает в мелком локальном (−0,59); инерция переносит Momentum через хребет в глубокий глобальный (−1,43).</translation>
    </message>
    <message>
        <source>Plateau with a well</source>
        <translation>Плато с ямой</translation>
    </message>
    <message>
        <source>A nearly flat plain around one narrow well: GD&apos;s steps shrink with the tiny gradient and it crawls; Adam divides by the gradient&apos;s size and walks straight in.</source>
        <translation>Почти плоская равнина вокруг одной узкой ямы: шаги GD сжимаются вместе с крошечным градиентом, и он ползёт; Adam делит на величину градиента и идёт прямо в яму.</translation>
    </message>
    <message>
        <source>Plateaus &amp; valleys</source>
        <translation>Плато и долины</translation>
    </message>
    <message>
        <source>Ill-conditioned ellipse</source>
        <translation>Плохо обусловленный эллипс</translation>
    </message>
    <message>
        <source>A quadratic bowl 100 times steeper across than along: GD&apos;s η must stay under 2/5 for the steep side (near it GD zig-zags across), so it creeps along the floor; momentum builds speed there.</source>
        <translation>Квадратичная чаша, поперёк в 100 раз круче, чем вдоль: η для GD должна быть меньше 2/5 из-за крутой стороны (рядом с этим GD мечется зигзагом), поэтому вдоль дна он ползёт; инерция набирает там скорость.</translation>
    </message>
    <message>
        <source>A mountain pass between two valleys: GD started on the ridge line (x = 0, as here) slides into the saddle and stays; a little noise or a start off the line picks a valley. Ctrl+click starts exactly on a line.</source>
        <translation>Горный перевал между двумя долинами: GD, начатый на линии гребня (x = 0, как здесь), скатывается в седловую точку и остаётся там; немного шума или начало в стороне от линии — и выбирается долина. Ctrl+щелчок ставит начало точно на линию.</translation>
    </message>
    <message>
        <source>Saddle between two minima</source>
        <translation>Седло между двумя минимумами</translation>
    </message>
    <message>
        <source>Network loss over {a}, {b}</source>
        <translation>Потери сети по {a}, {b}</translation>
    </message>
    <message>
        <source>The {layers} {activation} network&apos;s {loss} loss on {n} examples as {a} and {b} vary; every other weight is fixed.</source>
        <translation>Потери {loss} сети {layers} с активацией {activation} на {n} наблюдениях при изменении {a} и {b}; остальные веса зафиксированы.</translation>
    </message>
    <message>
        <source>Network loss, random directions</source>
        <translation>Потери сети, случайные направления</translation>
    </message>
    <message>
        <source>The {layers} {activation} network&apos;s {loss} loss on {n} examples over two random filter-normalised directions (Li et al. 2018) around the current weights.</source>
        <translation>Потери {loss} сети {layers} с активацией {activation} на {n} наблюдениях по двум случайным направлениям, нормированным по фильтрам (Li et al. 2018), вокруг текущих весов.</translation>
    </message>
    <message>
        <source>α (direction 1)</source>
        <translation>α (направление 1)</translation>
    </message>
    <message>
        <source>β (direction 2)</source>
        <translation>β (направление 2)</translation>
    </message>
    <message>
        <source>Your formula: f(x, y) = {text}</source>
        <translation>Ваша формула: f(x, y) = {text}</translation>
    </message>
</context>
<context>
    <name>SurfaceNotice</name>
    <message>
        <source>Use suggested rates</source>
        <translation>Взять предложенные скорости</translation>
    </message>
    <message>
        <source>Set each run&apos;s learning rate η to what this surface suggests</source>
        <translation>Задать каждому запуску скорость обучения η, предложенную для этой поверхности</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>SurfacePicker</name>
    <message>
        <source>Your surfaces</source>
        <translation>Ваши поверхности</translation>
    </message>
    <message>
        <source>{tip}
(right-click to delete)</source>
        <translation>{tip}
(правый щелчок — удалить)</translation>
    </message>
    <message>
        <source>Delete saved surface “{v0}”…</source>
        <translation>Удалить сохранённую поверхность «{v0}»…</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Открытые</translation>
    </message>
    <message>
        <source>{v0}
(choose a loss surface)</source>
        <translation>{v0}
(выберите поверхность потерь)</translation>
    </message>
</context>
<context>
    <name>SurfacePlot</name>
    <message>
        <source>at ({x}, {y})</source>
        <translation>в ({x}; {y})</translation>
    </message>
    <message>
        <source>Ctrl+click: start exactly on {label}</source>
        <translation>Ctrl+щелчок: начало точно на {label}</translation>
    </message>
    <message>
        <source>f (log scale)</source>
        <translation>f (лог. шкала)</translation>
    </message>
    <message>
        <source>start snapped exactly onto {label}</source>
        <translation>начало точно на {label}</translation>
    </message>
</context>
<context>
    <name>SwarmMode</name>
    <message>
        <source>Swarm</source>
        <translation>Рой</translation>
    </message>
    <message>
        <source>Swarm mode: thousands of start points flowing into their basins, moved by every enabled run (W)</source>
        <translation>Режим роя: тысячи начальных точек стекают в свои области притяжения, их двигает каждый включённый запуск (W)</translation>
    </message>
    <message>
        <source>Swarm: click to drop a cloud, Ctrl+wheel sizes it, Space plays (W leaves)</source>
        <translation>Рой: щелчок бросает облако, Ctrl+колесо — его размер, пробел — пуск (W — выход)</translation>
    </message>
    <message>
        <source>Swarm mode off</source>
        <translation>Режим роя выключен</translation>
    </message>
    <message>
        <source>a cloud of radius {r}</source>
        <translation>облако радиуса {r}</translation>
    </message>
    <message>
        <source>a grid</source>
        <translation>сетка</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%Ln particle(s)&lt;/b&gt; ({what}) × {racers} · step &lt;b&gt;{t}&lt;/b&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;%Ln частица&lt;/b&gt; ({what}) × {racers} · шаг &lt;b&gt;{t}&lt;/b&gt;</numerusform>
            <numerusform>&lt;b&gt;%Ln частицы&lt;/b&gt; ({what}) × {racers} · шаг &lt;b&gt;{t}&lt;/b&gt;</numerusform>
            <numerusform>&lt;b&gt;%Ln частиц&lt;/b&gt; ({what}) × {racers} · шаг &lt;b&gt;{t}&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n racer(s)</source>
        <translation>
            <numerusform>%n участник</numerusform>
            <numerusform>%n участника</numerusform>
            <numerusform>%n участников</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SwarmPanel</name>
    <message>
        <source>&lt;b&gt;Click&lt;/b&gt; the surface: drop a cloud there (&lt;b&gt;Ctrl+wheel&lt;/b&gt; sizes it). Space plays, → steps, R puts every particle back. W leaves.</source>
        <translation>&lt;b&gt;Щелчок&lt;/b&gt; по поверхности бросает туда облако (&lt;b&gt;Ctrl+колесо&lt;/b&gt; — его размер). Пробел — пуск, → — шаг, R возвращает все частицы. W — выход.</translation>
    </message>
    <message>
        <source>{n:,} particles</source>
        <translation>{n:,} частиц</translation>
    </message>
    <message>
        <source>How many start points the next swarm has (every racer moves all)</source>
        <translation>Сколько начальных точек у следующего роя (каждый участник двигает все)</translation>
    </message>
    <message>
        <source>Drop a grid over the view</source>
        <translation>Сетка по видимой области</translation>
    </message>
    <message>
        <source>Start a particle at the centre of every cell of a grid over the visible area (as a basin map&apos;s starts)</source>
        <translation>Поставить частицу в центр каждой клетки сетки над видимой областью (как начала карты областей притяжения)</translation>
    </message>
    <message>
        <source>Radius of the cloud a click drops (Ctrl+wheel over the plot)</source>
        <translation>Радиус облака, которое бросает щелчок (Ctrl+колесо над графиком)</translation>
    </message>
    <message>
        <source>its racer&apos;s colour</source>
        <translation>цвет его участника</translation>
    </message>
    <message>
        <source>the minimum it heads to</source>
        <translation>минимум, к которому она идёт</translation>
    </message>
    <message>
        <source>Colour each particle by the racer moving it, or by the nearest minimum (the basin map&apos;s colours)</source>
        <translation>Раскрашивать частицу по двигающему её участнику или по ближайшему минимуму (цвета карты областей притяжения)</translation>
    </message>
    <message>
        <source>fading tails</source>
        <translation>гаснущие хвосты</translation>
    </message>
    <message>
        <source>Leave a short fading trace behind each particle</source>
        <translation>Оставлять за каждой частицей короткий гаснущий след</translation>
    </message>
    <message>
        <source>Shares: where each racer&apos;s particles stand now, judged as a basin map judges end points (within 2 % of the view&apos;s size of a critical point and barely moving).</source>
        <translation>Доли: где сейчас частицы каждого участника, по тем же правилам, что и конечные точки карты областей (в пределах 2 % размера вида от критической точки и почти без движения).</translation>
    </message>
    <message>
        <source>size</source>
        <translation>размер</translation>
    </message>
    <message>
        <source>cloud radius</source>
        <translation>радиус облака</translation>
    </message>
    <message>
        <source>colour by</source>
        <translation>цвет по</translation>
    </message>
    <message>
        <source>&lt;i&gt;No racer is enabled: tick one in Runs.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Нет включённых участников: отметьте запуск в «Запусках».&lt;/i&gt;</translation>
    </message>
    <message>
        <source>minimum at</source>
        <translation>минимум в</translation>
    </message>
    <message>
        <source>({x}, {y})</source>
        <translation>({x}; {y})</translation>
    </message>
    <message>
        <source>elsewhere</source>
        <translation>в других местах</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>разошёлся</translation>
    </message>
    <message>
        <source>still moving</source>
        <translation>ещё движется</translation>
    </message>
</context>
<context>
    <name>SweepPanel</name>
    <message>
        <source>Learning-rate sweep</source>
        <translation>Перебор η</translation>
    </message>
    <message>
        <source>η × momentum / β₁ map</source>
        <translation>Карта η × α / β₁</translation>
    </message>
    <message>
        <source>Hyperparameter sweeps</source>
        <translation>Перебор гиперпараметров</translation>
    </message>
    <message>
        <source>Final loss against the learning rate, and over η × momentum (Ctrl+Shift+H)</source>
        <translation>Итоговые потери в зависимости от скорости обучения и по η × инерция (Ctrl+Shift+H)</translation>
    </message>
</context>
<context>
    <name>Toolbar</name>
    <message>
        <source>Explain step</source>
        <translation>Объяснить шаг</translation>
    </message>
    <message>
        <source>Log colour scale</source>
        <translation>Лог. шкала</translation>
    </message>
</context>
<context>
    <name>UserSurfaces</name>
    <message numerus="yes">
        <source> (and %n more)</source>
        <translation>
            <numerusform> (и ещё %n)</numerusform>
            <numerusform> (и ещё %n)</numerusform>
            <numerusform> (и ещё %n)</numerusform>
        </translation>
    </message>
    <message>
        <source>could not save the surface: {e}</source>
        <translation>не удалось сохранить поверхность: {e}</translation>
    </message>
    <message>
        <source>saved “{name}” under Your surfaces ({path})</source>
        <translation>«{name}» сохранена в «Ваши поверхности» ({path})</translation>
    </message>
    <message>
        <source>My surface</source>
        <translation>Моя поверхность</translation>
    </message>
    <message>
        <source>Save surface as preset</source>
        <translation>Сохранить поверхность</translation>
    </message>
    <message>
        <source>Name (listed under “Your surfaces”):</source>
        <translation>Имя (в разделе «Ваши поверхности»):</translation>
    </message>
    <message>
        <source>Replace saved surface</source>
        <translation>Заменить сохранённую поверхность</translation>
    </message>
    <message>
        <source>Replace the saved surface “{name}”?</source>
        <translation>Заменить сохранённую поверхность «{name}»?</translation>
    </message>
    <message>
        <source>Delete saved surface</source>
        <translation>Удалить сохранённую поверхность</translation>
    </message>
    <message>
        <source>Delete the saved surface “{name}”?</source>
        <translation>Удалить сохранённую поверхность «{name}»?</translation>
    </message>
    <message>
        <source>could not delete “{name}”: {error}</source>
        <translation>не удалось удалить «{name}»: {error}</translation>
    </message>
    <message>
        <source>deleted “{name}”</source>
        <translation>«{name}» удалена</translation>
    </message>
</context>
<context>
    <name>View3D</name>
    <message>
        <source>The 3D view is off: Qt is running on the “{name}” platform, which has no OpenGL. Run the app on a desktop (or under an X server such as Xvfb with QT_QPA_PLATFORM=xcb) to rotate the surface in 3D.</source>
        <translation>Трёхмерный вид выключен: Qt работает на платформе «{name}», где нет OpenGL. Запустите приложение на рабочем столе (или под X-сервером, например Xvfb с QT_QPA_PLATFORM=xcb), чтобы вращать поверхность в 3D.</translation>
    </message>
    <message>
        <source>The 3D view is off: PyOpenGL could not be loaded ({e}).</source>
        <translation>Трёхмерный вид выключен: не удалось загрузить PyOpenGL ({e}).</translation>
    </message>
    <message>
        <source>The 3D view is off: this display could not create an OpenGL context.</source>
        <translation>Трёхмерный вид выключен: этот дисплей не смог создать контекст OpenGL.</translation>
    </message>
    <message>
        <source>log height</source>
        <translation>лог. высота</translation>
    </message>
    <message>
        <source>Heights (and colours) by log(f − f_min): for surfaces with a huge range</source>
        <translation>Высоты (и цвета) по log(f − f_min): для поверхностей с огромным размахом</translation>
    </message>
    <message>
        <source>Vertical exaggeration</source>
        <translation>Вертикальное растяжение</translation>
    </message>
    <message>
        <source>Reset camera</source>
        <translation>Сбросить камеру</translation>
    </message>
    <message>
        <source>height</source>
        <translation>высота</translation>
    </message>
</context>
<context>
    <name>View3DWindow</name>
    <message>
        <source>Gradient Descent Explorer — 3D view</source>
        <translation>Исследователь градиентного спуска — 3D</translation>
    </message>
    <message>
        <source>3D view</source>
        <translation>3D-вид</translation>
    </message>
    <message>
        <source>The surface and the live trails in 3D, rotatable (Ctrl+3)</source>
        <translation>Поверхность и живые траектории в 3D, с вращением (Ctrl+3)</translation>
    </message>
</context>
<context>
    <name>ViewModes</name>
    <message>
        <source>Light theme</source>
        <translation>Светлая тема</translation>
    </message>
    <message>
        <source>High-contrast theme</source>
        <translation>Контрастная тема</translation>
    </message>
    <message>
        <source>Equal aspect</source>
        <translation>Равный масштаб осей</translation>
    </message>
    <message>
        <source>Same scale on x and y: a square domain is square (off: the domain fills the plot)</source>
        <translation>Одинаковый масштаб по x и y: квадратная область — квадрат (выкл.: область заполняет график)</translation>
    </message>
    <message>
        <source>Side panels</source>
        <translation>Боковые панели</translation>
    </message>
    <message>
        <source>Show or hide the controls and the side plots, leaving the surface the whole width (F9)</source>
        <translation>Показать или скрыть элементы управления и боковые графики, отдав поверхности всю ширину (F9)</translation>
    </message>
    <message>
        <source>Presentation</source>
        <translation>Презентация</translation>
    </message>
    <message>
        <source>Full screen for a lecture hall: larger fonts and lines, light or high-contrast theme (F11 again leaves)</source>
        <translation>Весь экран для аудитории: крупнее шрифты и линии, светлая или контрастная тема (F11 ещё раз — выход)</translation>
    </message>
    <message>
        <source>Presentation mode uses the {theme}</source>
        <translation>В режиме презентации: {theme}</translation>
    </message>
    <message>
        <source>Presentation theme</source>
        <translation>Тема презентации</translation>
    </message>
</context>
<context>
    <name>WhatIfMode</name>
    <message>
        <source>What-if (I): change any setting or drag a start point and every run&apos;s whole path is recomputed from its start at once; a faint ghost shows the path before the change. Press I again to race live from the current settings.</source>
        <translation>«Что если» (I): измените любую настройку или перетащите начальную точку — и вся траектория каждого запуска сразу пересчитывается от начала; бледный след показывает путь до изменения. Нажмите I ещё раз, чтобы вернуться к гонке с текущими настройками.</translation>
    </message>
    <message>
        <source>What-if (I): each change recomputes every path from its start; faint: before</source>
        <translation>«Что если» (I): каждая правка пересчитывает пути от начала; бледные — до неё</translation>
    </message>
    <message>
        <source>&lt;b&gt;What-if&lt;/b&gt;: whole paths from the start · faint: before the change</source>
        <translation>&lt;b&gt;Что если&lt;/b&gt;: пути от начала · бледные — до правки</translation>
    </message>
    <message>
        <source>What-if</source>
        <translation>Что если</translation>
    </message>
    <message>
        <source> steps</source>
        <translation> шагов</translation>
    </message>
    <message>
        <source>What-if horizon: how many steps each path is recomputed for ({HORIZON_MIN}–{HORIZON_MAX:,}; longer paths redraw less often while you drag)</source>
        <translation>Горизонт «Что если»: на сколько шагов пересчитывается каждая траектория ({HORIZON_MIN}–{HORIZON_MAX:,}; длинные траектории при перетаскивании перерисовываются реже)</translation>
    </message>
    <message>
        <source>New seed</source>
        <translation>Новый сид</translation>
    </message>
    <message>
        <source>Draw another noise sample for every run with a random gradient (one sample, mini-batch, noise σ); the same seed keeps the same noise, so a drag shows only its setting&apos;s effect</source>
        <translation>Взять новую реализацию шума для каждого запуска со случайным градиентом (одно наблюдение, мини-батч, шум σ); тот же сид — тот же шум, поэтому перетаскивание показывает только эффект настройки</translation>
    </message>
    <message>
        <source>  horizon</source>
        <translation>  горизонт</translation>
    </message>
    <message>
        <source>No run uses a random gradient: choose one sample, mini-batch or gradient noise σ to see the noise</source>
        <translation>Ни один запуск не использует случайный градиент: выберите одно наблюдение, мини-батч или шум градиента σ, чтобы увидеть шум</translation>
    </message>
</context>
<context>
    <name>data_view</name>
    <message>
        <source>Data and fitted lines</source>
        <translation>Данные и подогнанные линии</translation>
    </message>
    <message>
        <source>Beside the surface: the examples of a data-defined loss and each run&apos;s current line or boundary, moving as it learns (Ctrl+Shift+L)</source>
        <translation>Рядом с поверхностью: наблюдения функции потерь, заданной данными, и текущая прямая или граница каждого запуска, движущаяся по мере обучения (Ctrl+Shift+L)</translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <source>Rendering the animation…</source>
        <translation>Отрисовка анимации…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Export animation</source>
        <translation>Экспорт анимации</translation>
    </message>
    <message>
        <source>Rendering the animation… frame {done} of {n}</source>
        <translation>Отрисовка анимации… кадр {done} из {n}</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Экспорт не удался</translation>
    </message>
</context>
<context>
    <name>side_plots</name>
    <message>
        <source>step</source>
        <translation>шаг</translation>
    </message>
</context>
<context>
    <name>surface_notice</name>
    <message>
        <source>Use suggested learning rates</source>
        <translation>Взять предложенные скорости обучения</translation>
    </message>
    <message>
        <source>Set every run&apos;s η to the rate the current surface suggests for its rule</source>
        <translation>Задать η каждого запуска, предложенную текущей поверхностью для его метода</translation>
    </message>
    <message>
        <source>{n} run(s) set to the rates suggested for {title}</source>
        <translation>Запусков с предложенной для «{title}» скоростью: {n}</translation>
    </message>
    <message>
        <source>No suggested rates for {title} (or every run uses them)</source>
        <translation>Для «{title}» нет предложенных скоростей (или все запуски уже их используют)</translation>
    </message>
</context>
<context>
    <name>swarm_mode</name>
    <message>
        <source>Swarm</source>
        <translation>Рой</translation>
    </message>
</context>
<context>
    <name>sweep_lr_plot</name>
    <message>
        <source>learning rate η (log)</source>
        <translation>скорость обучения η (лог.)</translation>
    </message>
</context>
</TS>
