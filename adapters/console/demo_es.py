"""The walk-through `make demo LANG=es` plays: the same first session, a Spanish-speaking team.

The people type in Spanish (reflections, check-in words, norms, topics, the goal); command and
option names stay English in every language, as do the grammar's own words (`evidence:`, `by`).
A button whose label is the bot's own words ("Next step", "Yes") is clicked by its number, so
the script plays the same whether or not the bot's sentences are translated yet."""

WALKTHROUGH_ES = """\
# Ana, coordinadora de aprendizaje profesional del distrito, convierte #grade4 en un equipo de aprendizaje
/as ana
/plc team create "Matemáticas de 4.º" America/Chicago
# Fay, la coach instruccional, mira el ciclo del equipo; ahora que el bot la conoce, Ana la nombra facilitadora
/as fay
/plc cycle
/as ana
/plc role grant @fay facilitator
# Fay anota lo que el equipo encontró en los datos y, en un formulario guiado, la meta
/as fay
/plc need set La mitad de 4.º grado no logra ubicar 3/4 en la recta numérica. evidence: evaluación diagnóstica de otoño, pregunta 12
/plc stage next
/plc goal
Ubicar fracciones en la recta numérica y explicar por qué
Boleto de salida de la unidad, pregunta 4
80 % de los estudiantes
{goal_by}
# Fay planea la reunión: una agenda con los minutos de cada punto, quién toma notas y quién cuida el tiempo
/plc agenda add 10 Check-in y acuerdos
/plc agenda add 40 Mirar juntos los boletos de salida
/plc agenda add 20 Planear las charlas de recta numérica de la próxima semana
/plc session role note-taker @jon
/plc session role timekeeper @maria
# Fay abre una sesión: la tarjeta muestra los acuerdos, la agenda y los roles, el check-in y las tareas pendientes
/plc session open Fracciones en la recta numérica
# Tres docentes hacen check-in: una con el comando, dos con los botones de la tarjeta (el clic ofrece agregar una palabra)
/as maria
/plc checkin 4 curiosa
/as jon
2
cansado
/as lee
5
# El equipo acuerda dos tareas; a cada responsable se le recuerda un día antes de la fecha
/as fay
/plc action add @maria compartir la rúbrica de fracciones by {soon}
/plc action add @jon traer cinco boletos de salida by {later}
/plc action list
# Jon, quien toma notas, registra lo que decidió el equipo
/as jon
/plc decision Todos los grupos responden el mismo boleto de salida los viernes
# Fay guía un protocolo paso a paso; cualquiera anota algo en el paso y queda en la minuta
/as fay
/plc protocol start notice-and-wonder
/as lee
/plc protocol note Casi todas las respuestas incorrectas ubican 3/4 después del 1
# Fay pasa al siguiente paso con el primer botón de la tarjeta del protocolo
/as fay
/click 1
/as jon
/plc protocol note Cuentan las marcas, no los espacios entre ellas
/as fay
/plc protocol stop
# Noventa minutos después, Fay cierra la sesión: la minuta, una reflexión de cierre y la encuesta breve
/wait 90
/as fay
/plc session close
# María responde la encuesta con sus botones (el 6 es “sí, la recomendaría”)
/as maria
5 — totalmente de acuerdo
6
# Dos docentes reflexionan: María en privado y Jon con todo el equipo
/plc reflect --private Apuré el calentamiento con la recta numérica; la próxima vez los dejaré discutir más tiempo.
/as jon
/plc reflect --team Ubicar 3/4 y 6/8 en la misma recta hizo que mi grupo por fin entendiera la equivalencia.
# Fay firma la asistencia para que cuente en las horas de desarrollo profesional de todos; María revisa las suyas
/as fay
/plc attend confirm
/as maria
/plc me pdhours
# Fay lee el informe del equipo: cifras, nunca las palabras privadas de María
/as fay
/plc report
# Fay programa un recordatorio cada hora en punto, lo prueba ahora y deja pasar una hora
/plc schedule add stage_nudge "0 * * * *"
/plc schedule test 1
/wait 60
# A lo largo del ciclo, María reúne evidencia para una microcredencial: dos de sus reflexiones,
# un enlace a su clase ajustada y luego el paquete que entrega a quien otorga la credencial (un ZIP)
/as maria
/plc credential start formative-data
/plc reflect --private Al separar los boletos de salida en tres montones vi quién confunde medios con cuartos.
/plc me reflections
/plc credential use formative-data 5 1
/plc credential use formative-data 5 3
/plc credential add formative-data 3 https://example.org/maria/clase-recta-numerica
/plc credential status formative-data
/plc credential export formative-data
"""
