"""The functional administrator's screens (functioneel beheer): texts, questionnaires, people."""
